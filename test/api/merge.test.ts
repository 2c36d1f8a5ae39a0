import { describe, expect, it } from 'vitest'
import type { Scenario } from '../../src/index.js'
import { importBody, setup, startImport } from '../support/harness.js'
import { branch, commit, contents, head, merge, put, read, REPO, remove } from '../support/versioning.js'

const world: Scenario = { repositories: [{ name: REPO, storageNamespace: 's3://bucket/repo' }] }

/** main: a=1, b=1, c=1 committed; `side` branched from it. */
async function forked() {
  const h = setup(world)
  for (const k of ['a', 'b', 'c']) await put(h, 'main', k, '1')
  const base = await commit(h, 'main', 'base')
  await branch(h, 'side', 'main')
  return { h, base }
}

describe('mergeIntoBranch', () => {
  it('makes a merge commit with both parents, the default message and the strategy in metadata', async () => {
    const { h, base } = await forked()
    await put(h, 'side', 'd', 'side')
    const sideCommit = await commit(h, 'side', 'add d')
    await put(h, 'main', 'e', 'main')
    const mainCommit = await commit(h, 'main', 'add e')
    const res = await merge(h, 'side', 'main', { metadata: { run: '7' } })
    expect(res.status).toBe(200)
    const merged = (await h.request('GET', `/repositories/${REPO}/commits/${res.body.reference}`)).body
    expect(merged).toMatchObject({
      parents: [mainCommit.id, sideCommit.id],
      committer: 'quickstart',
      message: "Merge 'side' into 'main'",
      metadata: { run: '7', '.lakefs.merge.strategy': 'default' },
      generation: base.generation + 2,
    })
    expect(await head(h, 'main')).toBe(res.body.reference)
    expect(await contents(h, 'main')).toEqual({ a: '1', b: '1', c: '1', d: 'side', e: 'main' })
    // The source is untouched.
    expect(await contents(h, 'side')).toEqual({ a: '1', b: '1', c: '1', d: 'side' })
  })

  it('takes the source tree as it is when the destination has not moved (no range is read)', async () => {
    const { h } = await forked()
    await put(h, 'side', 'd', 'x')
    await remove(h, 'side', 'a')
    const side = await commit(h, 'side', 'change')
    const reads = h.emulator.inspect.rangeReads
    const res = await merge(h, 'side', 'main', { message: 'ship it' })
    await new Promise((r) => setTimeout(r, 0))
    // The merge reads no range; looking up _lakefs_actions/ for the pre-merge and post-merge hooks reads one each.
    expect(h.emulator.inspect.rangeReads).toBe(reads + 2)
    const merged = (await h.request('GET', `/repositories/${REPO}/commits/${res.body.reference}`)).body
    expect([merged.meta_range_id, merged.message, merged.parents.length]).toEqual([side.meta_range_id, 'ship it', 2])
  })

  it('answers 400 "no changes" when the source brings nothing, unless allow_empty', async () => {
    const { h } = await forked()
    const res = await merge(h, 'side', 'main')
    expect([res.status, res.body]).toEqual([400, { message: 'update branch main: no changes' }])
    const allowed = await merge(h, 'side', 'main', { allow_empty: true })
    expect(allowed.status).toBe(200)
  })

  it('refuses a dirty destination and an unknown strategy with 400, and unknown refs with 404', async () => {
    const { h } = await forked()
    await put(h, 'side', 'd', 'x')
    await commit(h, 'side', 'd')
    await put(h, 'main', 'dirty', 'x')
    expect((await merge(h, 'side', 'main')).body).toEqual({ message: 'uncommitted changes (dirty branch)' })
    expect((await merge(h, 'side', 'side2', {})).status).toBe(404)
    expect((await merge(h, 'nope', 'side', {})).status).toBe(404)
    const bad = await merge(h, 'main', 'side', { strategy: 'ours' })
    expect([bad.status, bad.body.message]).toEqual([400, 'invalid strategy: invalid value: validation error'])
  })

  it('counts as dirty only staging that changes something (graveler checkEmpty)', async () => {
    const { h } = await forked()
    await put(h, 'side', 'd', 'x')
    await commit(h, 'side', 'd')
    await put(h, 'main', 'a', '1') // same bytes as committed: staged, but no change
    await remove(h, 'main', 'never-there')
    expect((await merge(h, 'side', 'main')).status).toBe(200)
  })

  it('squash_merge keeps only the destination as parent', async () => {
    const { h } = await forked()
    await put(h, 'side', 'd', 'x')
    await commit(h, 'side', 'd')
    const before = await head(h, 'main')
    const res = await merge(h, 'side', 'main', { squash_merge: true })
    const merged = (await h.request('GET', `/repositories/${REPO}/commits/${res.body.reference}`)).body
    expect(merged.parents).toEqual([before])
  })

  it('merges ranges by ID: an import of 120,000 objects merges into a moved main reading only the changed ranges', async () => {
    const scenario: Scenario = {
      ...world,
      import: { objectsPerSecond: 0, statusIntervalMs: 0 },
      store: { generate: [{ prefix: 's3://lake/raw/', keys: ['part-{000000..119999}.parquet'], size: 100, lastModified: '2024-01-15T06:00:00Z' }] },
    }
    const h = setup(scenario)
    await branch(h, 'ingest', 'main')
    await startImport(h, REPO, 'ingest', importBody([{ path: 's3://lake/raw/', destination: 'raw/' }]))
    await h.advance(1)
    await put(h, 'main', 'README', 'hello')
    await commit(h, 'main', 'readme')
    const ranges = h.emulator.inspect
    const imported = ranges.metaRange((await h.request('GET', `/repositories/${REPO}/commits/ingest`)).body.meta_range_id).ranges.length
    expect(imported).toBeGreaterThan(1)
    const reads = ranges.rangeReads
    const res = await merge(h, 'ingest', 'main')
    expect(res.status).toBe(200)
    // The import's ranges are copied whole; only lookups near README touch a range.
    expect(ranges.rangeReads - reads).toBeLessThanOrEqual(2)
    const listing = await h.request('GET', `/repositories/${REPO}/refs/main/objects/ls?prefix=raw/&amount=3`)
    expect(listing.body.results.map((o: any) => o.path)).toEqual(['raw/part-000000.parquet', 'raw/part-000001.parquet', 'raw/part-000002.parquet'])
    expect(await read(h, 'main', 'README')).toEqual([200, 'hello'])
  })
})

describe('mergeIntoBranch conflicts', () => {
  async function conflicting() {
    const { h } = await forked()
    await put(h, 'side', 'a', 'side')
    await remove(h, 'side', 'b')
    await put(h, 'side', 'n', 'side-new')
    await commit(h, 'side', 'side changes')
    await put(h, 'main', 'a', 'main')
    await put(h, 'main', 'b', 'main')
    await put(h, 'main', 'n', 'main-new')
    await commit(h, 'main', 'main changes')
    return h
  }

  it('answers 409 and leaves the destination as it was', async () => {
    const h = await conflicting()
    const before = await head(h, 'main')
    const res = await merge(h, 'side', 'main')
    expect([res.status, res.body]).toEqual([409, { reference: '', message: 'update branch main: conflict found' }])
    expect(await head(h, 'main')).toBe(before)
  })

  it('resolves every conflict for the source with source-wins, and for the destination with dest-wins', async () => {
    const src = await conflicting()
    expect((await merge(src, 'side', 'main', { strategy: 'source-wins' })).status).toBe(200)
    expect(await contents(src, 'main')).toEqual({ a: 'side', c: '1', n: 'side-new' })
    const dst = await conflicting()
    const res = await merge(dst, 'side', 'main', { strategy: 'dest-wins' })
    expect(res.status).toBe(200)
    expect(await contents(dst, 'main')).toEqual({ a: 'main', b: 'main', c: '1', n: 'main-new' })
    const merged = (await dst.request('GET', `/repositories/${REPO}/commits/${res.body.reference}`)).body
    expect(merged.metadata).toEqual({ '.lakefs.merge.strategy': 'dest-wins' })
  })

  it('shows the conflicting paths in a three-dot diff', async () => {
    const h = await conflicting()
    const diff = await h.request('GET', `/repositories/${REPO}/refs/main/diff/side`)
    expect(diff.body.results).toEqual([
      { type: 'conflict', path: 'a', path_type: 'object', size_bytes: 4 },
      { type: 'conflict', path: 'b', path_type: 'object', size_bytes: 4 },
      { type: 'conflict', path: 'n', path_type: 'object', size_bytes: 8 },
    ])
  })
})

describe('findMergeBase', () => {
  it('returns the source, destination and best common ancestor', async () => {
    const { h, base } = await forked()
    await put(h, 'side', 'd', 'x')
    const side = await commit(h, 'side', 'd')
    await put(h, 'main', 'e', 'x')
    const main = await commit(h, 'main', 'e')
    const res = await h.request('GET', `/repositories/${REPO}/refs/side/merge/main`)
    expect([res.status, res.body]).toEqual([200, { source_commit_id: side.id, destination_commit_id: main.id, base_commit_id: base.id }])
    // After a merge, the base is the merged source.
    await merge(h, 'side', 'main')
    expect((await h.request('GET', `/repositories/${REPO}/refs/side/merge/main`)).body.base_commit_id).toBe(side.id)
  })
})
