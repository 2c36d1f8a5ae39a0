import { describe, expect, it } from 'vitest'
import type { Scenario } from '../../src/index.js'
import { importBody, setup, startImport } from '../support/harness.js'
import { branch, commit, diffPaths, put, REPO, remove } from '../support/versioning.js'

const world: Scenario = { repositories: [{ name: REPO, storageNamespace: 's3://bucket/repo' }] }

/** main has a, b, c/1, c/2; side changes a, removes b, adds c/3 and d; main then adds e. */
async function diverged() {
  const h = setup(world)
  for (const k of ['a', 'b', 'c/1', 'c/2']) await put(h, 'main', k, 'base')
  await commit(h, 'main', 'base')
  await branch(h, 'side', 'main')
  await put(h, 'side', 'a', 'changed')
  await remove(h, 'side', 'b')
  await put(h, 'side', 'c/3', 'new')
  await put(h, 'side', 'd', 'new!')
  await commit(h, 'side', 'side')
  await put(h, 'main', 'e', 'main only')
  await commit(h, 'main', 'main')
  return h
}
const diff = (h: ReturnType<typeof setup>, left: string, right: string, query = '') =>
  h.request('GET', `/repositories/${REPO}/refs/${left}/diff/${right}${query}`)

describe('diffRefs', () => {
  it('three_dot (the default) shows what merging right into left would bring', async () => {
    const h = await diverged()
    const res = await diff(h, 'main', 'side')
    expect(res.status).toBe(200)
    expect(res.body).toEqual({
      pagination: { has_more: false, next_offset: '', results: 4, max_per_page: 1000 },
      results: [
        { type: 'changed', path: 'a', path_type: 'object', size_bytes: 7 },
        { type: 'removed', path: 'b', path_type: 'object', size_bytes: 4 },
        { type: 'added', path: 'c/3', path_type: 'object', size_bytes: 3 },
        { type: 'added', path: 'd', path_type: 'object', size_bytes: 4 },
      ],
    })
  })

  it('two_dot compares the trees directly, so main-only changes show too', async () => {
    const h = await diverged()
    const res = await diff(h, 'main', 'side', '?type=two_dot')
    expect(diffPaths(res.body)).toEqual(['changed a', 'removed b', 'added c/3', 'added d', 'removed e'])
  })

  it('groups by delimiter (prefix_changed), filters by prefix and pages with after', async () => {
    const h = await diverged()
    const grouped = await diff(h, 'main', 'side', '?delimiter=/')
    expect(grouped.body.results).toEqual([
      { type: 'changed', path: 'a', path_type: 'object', size_bytes: 7 },
      { type: 'removed', path: 'b', path_type: 'object', size_bytes: 4 },
      { type: 'prefix_changed', path: 'c/', path_type: 'common_prefix' },
      { type: 'added', path: 'd', path_type: 'object', size_bytes: 4 },
    ])
    expect(diffPaths((await diff(h, 'main', 'side', '?prefix=c/')).body)).toEqual(['added c/3'])
    const page = await diff(h, 'main', 'side', '?amount=2')
    expect(page.body.pagination).toEqual({ has_more: true, next_offset: 'b', results: 2, max_per_page: 1000 })
    expect(diffPaths((await diff(h, 'main', 'side', '?amount=2&after=b')).body)).toEqual(['added c/3', 'added d'])
  })

  it('is empty between equal refs, accepts commit IDs and tags, and 404s unknown refs', async () => {
    const h = await diverged()
    expect((await diff(h, 'side', 'side')).body.results).toEqual([])
    const mainHead = (await h.request('GET', `/repositories/${REPO}/branches/main`)).body.commit_id
    await h.request('POST', `/repositories/${REPO}/tags`, { body: { id: 'release', ref: 'side' } })
    expect(diffPaths((await diff(h, mainHead, 'release', '?type=two_dot')).body)).toHaveLength(5)
    const missing = await diff(h, 'main', 'nope')
    expect([missing.status, missing.body]).toEqual([404, { message: 'not found' }])
  })

  it('reads only the ranges that differ: one change in 120,000 imported objects reads two ranges', async () => {
    const h = setup({
      ...world,
      import: { objectsPerSecond: 0, statusIntervalMs: 0 },
      store: { generate: [{ prefix: 's3://lake/raw/', keys: ['part-{000000..119999}.parquet'], size: 100, lastModified: '2024-01-15T06:00:00Z' }] },
    })
    await startImport(h, REPO, 'main', importBody([{ path: 's3://lake/raw/', destination: 'raw/' }]))
    await h.advance(1)
    await put(h, 'main', 'raw/part-060000.parquet', 'rewritten')
    await commit(h, 'main', 'fix one file')
    const ranges = h.emulator.inspect
    expect(ranges.metaRange((await h.request('GET', `/repositories/${REPO}/commits/main`)).body.meta_range_id).ranges.length).toBeGreaterThan(2)
    const before = ranges.rangeReads
    const res = await diff(h, 'main~1', 'main', '?type=two_dot')
    expect(res.body.results).toEqual([{ type: 'changed', path: 'raw/part-060000.parquet', path_type: 'object', size_bytes: 9 }])
    expect(ranges.rangeReads - before).toBe(2)
  })
})
