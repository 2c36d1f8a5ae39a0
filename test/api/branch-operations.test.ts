import { describe, expect, it } from 'vitest'
import type { Scenario } from '../../src/index.js'
import { importBody, setup, startImport, status } from '../support/harness.js'
import { branch, commit, contents, head, merge, put, read, REPO, remove } from '../support/versioning.js'

const world: Scenario = { repositories: [{ name: REPO, storageNamespace: 's3://bucket/repo' }] }
const uncommitted = async (h: ReturnType<typeof setup>, b = 'main') =>
  (await h.request('GET', `/repositories/${REPO}/branches/${b}/diff`)).body.results.map((d: any) => `${d.type} ${d.path}`)

describe('resetBranch', () => {
  async function staged() {
    const h = setup(world)
    await put(h, 'main', 'keep', 'c')
    await put(h, 'main', 'dir/x', 'c')
    await commit(h, 'main', 'base')
    await put(h, 'main', 'keep', 'changed')
    await put(h, 'main', 'dir/y', 'new')
    await remove(h, 'main', 'dir/x')
    return h
  }
  const reset = (h: ReturnType<typeof setup>, body: unknown) => h.request('PUT', `/repositories/${REPO}/branches/main`, { body })

  it('discards one object, a prefix, or everything staged', async () => {
    const h = await staged()
    expect((await reset(h, { type: 'object', path: 'keep' })).status).toBe(204)
    expect(await uncommitted(h)).toEqual(['removed dir/x', 'added dir/y'])
    expect((await reset(h, { type: 'common_prefix', path: 'dir/' })).status).toBe(204)
    expect(await uncommitted(h)).toEqual([])
    await put(h, 'main', 'z', 'z')
    expect((await reset(h, { type: 'reset' })).status).toBe(204)
    expect(await uncommitted(h)).toEqual([])
    expect(await read(h, 'main', 'keep')).toEqual([200, 'c'])
  })

  it('rejects an unknown type with 400', async () => {
    const h = await staged()
    expect((await reset(h, { type: 'everything' })).status).toBe(400)
    expect(await uncommitted(h)).toHaveLength(3)
  })
})

describe('hardResetBranch', () => {
  it('points the branch at a ref and drops staged changes', async () => {
    const h = setup(world)
    const first = await head(h, 'main')
    await put(h, 'main', 'k', 'v')
    await commit(h, 'main', 'c')
    await put(h, 'main', 'staged', 'x')
    const res = await h.request('PUT', `/repositories/${REPO}/branches/main/hard_reset?ref=main~1`)
    expect(res.status).toBe(204)
    expect([await head(h, 'main'), await uncommitted(h)]).toEqual([first, []])
    expect((await h.request('PUT', `/repositories/${REPO}/branches/main/hard_reset?ref=nope`)).status).toBe(404)
    expect((await h.request('PUT', `/repositories/${REPO}/branches/main/hard_reset`)).status).toBe(400)
  })
})

describe('revertBranch', () => {
  it('commits the reverse of a commit on top of the head', async () => {
    const h = setup(world)
    await put(h, 'main', 'a', '1')
    await commit(h, 'main', 'a1')
    await put(h, 'main', 'a', '2')
    await put(h, 'main', 'b', 'new')
    const bad = await commit(h, 'main', 'bad change')
    await put(h, 'main', 'c', 'later')
    await commit(h, 'main', 'later')
    const res = await h.request('POST', `/repositories/${REPO}/branches/main/revert`, { body: { ref: bad.id, parent_number: 0 } })
    expect(res.status).toBe(204)
    expect(await contents(h, 'main')).toEqual({ a: '1', c: 'later' })
    const reverted = (await h.request('GET', `/repositories/${REPO}/commits/main`)).body
    expect([reverted.message, reverted.parents.length]).toEqual([`Revert ${bad.id}`, 1])
  })

  it('needs parent_number for a merge commit and reverts relative to it', async () => {
    const h = setup(world)
    await branch(h, 'side', 'main')
    await put(h, 'side', 's', 's')
    await commit(h, 'side', 's')
    const m = await merge(h, 'side', 'main')
    const revert = (body: unknown) => h.request('POST', `/repositories/${REPO}/branches/main/revert`, { body })
    const missing = await revert({ ref: m.body.reference, parent_number: 0 })
    expect([missing.status, missing.body]).toEqual([400, { message: 'must specify 1-based parent number for reverting merge commit' }])
    expect((await revert({ ref: m.body.reference, parent_number: 3 })).status).toBe(400)
    const ok = await revert({ ref: m.body.reference, parent_number: 1, commit_overrides: { message: 'undo merge', metadata: { why: 'bad data' } } })
    expect(ok.status).toBe(204)
    expect(await contents(h, 'main')).toEqual({})
    expect((await h.request('GET', `/repositories/${REPO}/commits/main`)).body).toMatchObject({ message: 'undo merge', metadata: { why: 'bad data' } })
  })

  it('answers 409 when the reverse no longer applies, and 400 on a dirty branch', async () => {
    const h = setup(world)
    await put(h, 'main', 'a', '1')
    const c1 = await commit(h, 'main', 'a1')
    await put(h, 'main', 'a', '2')
    await commit(h, 'main', 'a2')
    const conflict = await h.request('POST', `/repositories/${REPO}/branches/main/revert`, { body: { ref: c1.id, parent_number: 0 } })
    expect([conflict.status, conflict.body]).toEqual([409, { message: 'update branch: conflict found' }])
    await put(h, 'main', 'dirty', 'x')
    const dirty = await h.request('POST', `/repositories/${REPO}/branches/main/revert`, { body: { ref: 'main', parent_number: 0 } })
    expect([dirty.status, dirty.body]).toEqual([400, { message: 'uncommitted changes (dirty branch)' }])
  })
})

describe('cherryPick', () => {
  it('applies a commit from another branch and records where it came from', async () => {
    const h = setup(world)
    await branch(h, 'side', 'main')
    await put(h, 'side', 'fix', 'patch')
    const fix = await commit(h, 'side', 'the fix', { metadata: { ticket: 'T-1' } })
    await put(h, 'side', 'other', 'not wanted')
    await commit(h, 'side', 'other')
    const res = await h.request('POST', `/repositories/${REPO}/branches/main/cherry-pick`, { body: { ref: fix.id } })
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({
      message: 'the fix',
      committer: 'quickstart',
      metadata: { ticket: 'T-1', 'cherry-pick-origin': fix.id, 'cherry-pick-committer': 'quickstart' },
      generation: 2,
    })
    expect(await contents(h, 'main')).toEqual({ fix: 'patch' })
  })
})

describe('branch protection', () => {
  const rulesPath = `/repositories/${REPO}/settings/branch_protection`

  it('stores rules with an ETag and honours If-Match (412 on a stale one)', async () => {
    const h = setup(world)
    const empty = await h.request('GET', rulesPath)
    expect([empty.status, empty.body]).toEqual([200, []])
    const etag = empty.headers.get('ETag')!
    expect((await h.request('PUT', rulesPath, { body: [{ pattern: 'main' }, { pattern: 'release-*' }], headers: { 'If-Match': etag } })).status).toBe(204)
    const stale = await h.request('PUT', rulesPath, { body: [], headers: { 'If-Match': etag } })
    expect([stale.status, stale.body]).toEqual([412, { message: 'Precondition failed' }])
    const now = await h.request('GET', rulesPath)
    expect(now.body).toEqual([{ pattern: 'main' }, { pattern: 'release-*' }])
    expect(now.headers.get('ETag')).not.toBe(etag)
    expect((await h.request('PUT', rulesPath, { body: [{ pattern: '' }] })).status).toBe(400)
  })

  it('blocks commits, uploads, deletes and resets on a protected branch, but not merges or imports', async () => {
    const h = setup({ ...world, store: { objects: [{ uri: 's3://lake/x.csv', content: 'x' }] } } as Scenario)
    await put(h, 'main', 'k', 'v')
    await commit(h, 'main', 'c')
    await branch(h, 'release-1', 'main')
    await branch(h, 'dev', 'main')
    await h.request('PUT', rulesPath, { body: [{ pattern: 'release-*' }] })
    const onRelease = `/repositories/${REPO}/branches/release-1`
    const upload = await h.request('POST', `${onRelease}/objects?path=n`, { raw: 'x' })
    expect([upload.status, upload.body]).toEqual([403, { message: 'cannot write to protected branch' }])
    expect((await h.request('DELETE', `${onRelease}/objects?path=k`)).body).toEqual({ message: 'cannot write to protected branch' })
    expect((await h.request('PUT', onRelease, { body: { type: 'reset' } })).status).toBe(403)
    const c = await h.request('POST', `${onRelease}/commits`, { body: { message: 'x', allow_empty: true } })
    expect([c.status, c.body]).toEqual([403, { message: 'cannot commit to protected branch' }])
    await put(h, 'dev', 'feature', 'f')
    await commit(h, 'dev', 'feature')
    expect((await merge(h, 'dev', 'release-1')).status).toBe(200)
    expect(await read(h, 'release-1', 'feature')).toEqual([200, 'f'])
    // Import does not check protection (graveler Import).
    const id = await startImport(h, REPO, 'release-1', importBody([{ type: 'object', path: 's3://lake/x.csv', destination: 'x.csv' }]))
    await h.advance(60_000)
    expect((await status(h, REPO, id, 'release-1')).body.completed).toBe(true)
  })
})
