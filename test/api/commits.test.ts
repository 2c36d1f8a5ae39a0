import { describe, expect, it } from 'vitest'
import type { Scenario } from '../../src/index.js'
import { setup, T0 } from '../support/harness.js'
import { branch, commit, head, merge, put, REPO, remove } from '../support/versioning.js'

const world: Scenario = { repositories: [{ name: REPO, storageNamespace: 's3://bucket/repo' }] }

describe('commit', () => {
  it('commits staged changes with message, metadata and the committing user, and clears staging', async () => {
    const h = setup(world)
    const parent = await head(h, 'main')
    await put(h, 'main', 'a.csv', 'a')
    h.clock.advance(5000)
    const res = await h.request('POST', `/repositories/${REPO}/branches/main/commits`, { body: { message: 'add a', metadata: { team: 'data' } } })
    expect(res.status).toBe(201)
    expect(res.body).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{64}$/),
      parents: [parent],
      committer: 'quickstart',
      message: 'add a',
      creation_date: T0 / 1000 + 5,
      meta_range_id: expect.stringMatching(/^[0-9a-f]{64}$/),
      metadata: { team: 'data' },
      generation: 2,
      version: 1,
    })
    expect(await head(h, 'main')).toBe(res.body.id)
    expect((await h.request('GET', `/repositories/${REPO}/branches/main/diff`)).body.results).toEqual([])
  })

  it('takes `date` as the creation date, which is part of the ID', async () => {
    const a = setup(world)
    const b = setup(world)
    for (const h of [a, b]) await put(h, 'main', 'k', 'v')
    const first = await commit(a, 'main', 'm', { date: 1700000000 })
    const second = await commit(b, 'main', 'm', { date: 1700000000 })
    expect(first.creation_date).toBe(1700000000)
    expect(second.id).toBe(first.id)
  })

  it('answers 400 "commit: no changes" on a clean branch unless allow_empty', async () => {
    const h = setup(world)
    const before = await head(h, 'main')
    const empty = await h.request('POST', `/repositories/${REPO}/branches/main/commits`, { body: { message: 'nothing' } })
    expect([empty.status, empty.body]).toEqual([400, { message: 'commit: no changes' }])
    expect(await head(h, 'main')).toBe(before)
    const allowed = await commit(h, 'main', 'nothing', { allow_empty: true })
    expect([allowed.parents, allowed.meta_range_id]).toEqual([[before], ''])
  })

  it('counts only changes of identity: re-uploading the same bytes is no change', async () => {
    const h = setup(world)
    await put(h, 'main', 'k', 'same')
    await commit(h, 'main', 'first')
    await put(h, 'main', 'k', 'same')
    const res = await h.request('POST', `/repositories/${REPO}/branches/main/commits`, { body: { message: 'again' } })
    expect([res.status, res.body.message]).toEqual([400, 'commit: no changes'])
  })

  it('answers 404 for a missing branch and 400 for a missing message', async () => {
    const h = setup(world)
    const missing = await h.request('POST', `/repositories/${REPO}/branches/nope/commits`, { body: { message: 'x' } })
    expect([missing.status, missing.body]).toEqual([404, { message: 'branch not found' }])
    expect((await h.request('POST', `/repositories/${REPO}/branches/main/commits`, { body: {} })).status).toBe(400)
  })

  it('refuses source_metarange loudly (501) rather than ignoring it', async () => {
    const h = setup(world)
    await put(h, 'main', 'k', 'v')
    const res = await h.request('POST', `/repositories/${REPO}/branches/main/commits?source_metarange=abc`, { body: { message: 'm' } })
    expect([res.status, res.body]).toEqual([501, { message: 'commit with source_metarange is not supported by the emulator' }])
    expect((await h.request('GET', `/repositories/${REPO}/branches/main/diff`)).body.results).toHaveLength(1)
  })
})

describe('getCommit', () => {
  it('resolves a commit ID, a unique short prefix, a branch, a tag and ~/^ modifiers', async () => {
    const h = setup(world)
    const first = await head(h, 'main')
    await put(h, 'main', 'k', 'v')
    const second = await commit(h, 'main', 'second')
    await h.request('POST', `/repositories/${REPO}/tags`, { body: { id: 'v1', ref: second.id } })
    const get = async (ref: string) => (await h.request('GET', `/repositories/${REPO}/commits/${encodeURIComponent(ref)}`)).body.id
    expect(await get(second.id)).toBe(second.id)
    expect(await get(second.id.slice(0, 8))).toBe(second.id)
    expect(await get('main')).toBe(second.id)
    expect(await get('v1')).toBe(second.id)
    expect(await get('main~1')).toBe(first)
    expect(await get('v1^1')).toBe(first)
    const gone = await h.request('GET', `/repositories/${REPO}/commits/deadbeef`)
    expect([gone.status, gone.body]).toEqual([404, { message: 'commit not found' }])
  })
})

describe('logCommits', () => {
  async function history() {
    const h = setup(world)
    const ids: string[] = [await head(h, 'main')]
    for (const [i, path] of ['a/1', 'b/1', 'a/2'].entries()) {
      h.clock.advance(1000)
      await put(h, 'main', path, `v${i}`)
      ids.unshift((await commit(h, 'main', `c${i}`)).id)
    }
    return { h, ids } // newest first: c2, c1, c0, Repository created
  }
  const log = async (h: ReturnType<typeof setup>, query = '') => (await h.request('GET', `/repositories/${REPO}/refs/main/commits${query}`)).body

  it('lists newest first and pages with after = next_offset', async () => {
    const { h, ids } = await history()
    const all = await log(h)
    expect(all.results.map((c: any) => c.message)).toEqual(['c2', 'c1', 'c0', 'Repository created'])
    expect(all.pagination).toEqual({ has_more: false, next_offset: '', results: 4, max_per_page: 1000 })
    const page1 = await log(h, '?amount=2')
    expect(page1.results.map((c: any) => c.id)).toEqual(ids.slice(0, 2))
    expect(page1.pagination).toEqual({ has_more: true, next_offset: ids[1], results: 2, max_per_page: 1000 })
    const page2 = await log(h, `?amount=2&after=${ids[1]}`)
    expect(page2.results.map((c: any) => c.id)).toEqual(ids.slice(2))
    expect(page2.pagination.has_more).toBe(false)
  })

  it('filters by objects and prefixes, and stops at amount with limit=true', async () => {
    const { h } = await history()
    expect((await log(h, '?objects=b/1')).results.map((c: any) => c.message)).toEqual(['c1'])
    expect((await log(h, '?prefixes=a/')).results.map((c: any) => c.message)).toEqual(['c2', 'c0'])
    expect((await log(h, '?objects=b/1&prefixes=a/')).results.map((c: any) => c.message)).toEqual(['c2', 'c1', 'c0'])
    const limited = await log(h, '?amount=1&limit=true')
    expect([limited.results.map((c: any) => c.message), limited.pagination.has_more]).toEqual([['c2'], false])
    expect((await log(h, '?amount=1')).pagination.has_more).toBe(true)
  })

  it('follows both parents of a merge, or only the first with first_parent', async () => {
    const h = setup(world)
    await branch(h, 'side', 'main')
    await put(h, 'side', 's', 's')
    await commit(h, 'side', 'on side')
    h.clock.advance(1000)
    await put(h, 'main', 'm', 'm')
    await commit(h, 'main', 'on main')
    expect((await merge(h, 'side', 'main')).status).toBe(200)
    // Same generation: the newer commit first.
    expect((await log(h)).results.map((c: any) => c.message)).toEqual(["Merge 'side' into 'main'", 'on main', 'on side', 'Repository created'])
    expect((await log(h, '?first_parent=true')).results.map((c: any) => c.message)).toEqual(["Merge 'side' into 'main'", 'on main', 'Repository created'])
    // With path filters merge commits are skipped, as lakeFS does.
    expect((await log(h, '?objects=s')).results.map((c: any) => c.message)).toEqual(['on side'])
  })

  it('stops at stop_at and before commits older than since', async () => {
    const { h, ids } = await history()
    expect((await log(h, `?stop_at=${ids[1]}`)).results.map((c: any) => c.message)).toEqual(['c2', 'c1'])
    const since = new Date(T0 + 2000).toISOString()
    expect((await log(h, `?since=${since}`)).results.map((c: any) => c.message)).toEqual(['c2', 'c1'])
  })

  it('sees deletes as changes to the path', async () => {
    const h = setup(world)
    await put(h, 'main', 'x', '1')
    await commit(h, 'main', 'add')
    await remove(h, 'main', 'x')
    await commit(h, 'main', 'delete')
    expect((await log(h, '?objects=x')).results.map((c: any) => c.message)).toEqual(['delete', 'add'])
  })
})
