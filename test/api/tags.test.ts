import { describe, expect, it } from 'vitest'
import type { Scenario } from '../../src/index.js'
import { setup } from '../support/harness.js'
import { commit, head, put, read, REPO } from '../support/versioning.js'

const world: Scenario = { repositories: [{ name: REPO, storageNamespace: 's3://bucket/repo' }] }
const tags = `/repositories/${REPO}/tags`

describe('tags', () => {
  it('createTag answers 201 with the Ref; getTag, listTags and reads through the tag agree', async () => {
    const h = setup(world)
    await put(h, 'main', 'k', 'v1')
    const c1 = await commit(h, 'main', 'one')
    const created = await h.request('POST', tags, { body: { id: 'v1.0', ref: 'main' } })
    expect([created.status, created.body]).toEqual([201, { id: 'v1.0', commit_id: c1.id }])
    expect((await h.request('GET', `${tags}/v1.0`)).body).toEqual({ id: 'v1.0', commit_id: c1.id })
    await put(h, 'main', 'k', 'v2')
    await commit(h, 'main', 'two')
    expect(await read(h, 'v1.0', 'k')).toEqual([200, 'v1'])
    expect(await read(h, 'main', 'k')).toEqual([200, 'v2'])
  })

  it('answers 409 for an existing tag unless force, 404 for a missing ref or tag', async () => {
    const h = setup(world)
    const first = await head(h, 'main')
    await h.request('POST', tags, { body: { id: 't', ref: 'main' } })
    await put(h, 'main', 'k', 'v')
    const c = await commit(h, 'main', 'c')
    const again = await h.request('POST', tags, { body: { id: 't', ref: 'main' } })
    expect([again.status, again.body]).toEqual([409, { message: 'tag already exists: not unique' }])
    expect((await h.request('GET', `${tags}/t`)).body.commit_id).toBe(first)
    expect((await h.request('POST', tags, { body: { id: 't', ref: 'main', force: true } })).body.commit_id).toBe(c.id)
    expect((await h.request('POST', tags, { body: { id: 'x', ref: 'nope' } })).status).toBe(404)
    const missing = await h.request('GET', `${tags}/nope`)
    expect([missing.status, missing.body]).toEqual([404, { message: 'tag not found' }])
  })

  it('rejects tag IDs git would refuse', async () => {
    const h = setup(world)
    for (const id of ['', 'a..b', 'a b', 'x^', 'end.', 'v1.lock']) {
      const res = await h.request('POST', tags, { body: { id, ref: 'main' } })
      expect([id, res.status]).toEqual([id, 400])
    }
  })

  it('lists in byte order with prefix, after and amount; deleteTag removes', async () => {
    const h = setup(world)
    for (const id of ['v2', 'v10', 'rc1', 'v1']) await h.request('POST', tags, { body: { id, ref: 'main' } })
    const page = await h.request('GET', `${tags}?prefix=v&amount=2`)
    expect([page.body.results.map((t: any) => t.id), page.body.pagination]).toEqual([
      ['v1', 'v10'],
      { has_more: true, next_offset: 'v10', results: 2, max_per_page: 1000 },
    ])
    expect((await h.request('GET', `${tags}?prefix=v&after=v10`)).body.results.map((t: any) => t.id)).toEqual(['v2'])
    expect((await h.request('DELETE', `${tags}/v1`)).status).toBe(204)
    expect((await h.request('DELETE', `${tags}/v1`)).status).toBe(404)
    expect((await h.request('GET', tags)).body.results.map((t: any) => t.id)).toEqual(['rc1', 'v10', 'v2'])
  })
})
