/**
 * Import fault rules: stall, fail, throttle and conflicts, asserted tick by tick on the manual
 * clock. The world: 12,000 objects ingested at 5,000/s, status published every second.
 */
import { describe, expect, it } from 'vitest'
import type { FaultRule, Scenario } from '../../src/index.js'
import { type Harness, importBody, listAll, setup, startImport, status, T0 } from '../support/harness.js'

const iso = (ms: number) => new Date(ms).toISOString()
const world = (...faults: FaultRule[]): Scenario => ({
  store: { generate: [{ prefix: 's3://bucket/big/', keys: ['part-{1..6}/f{0001..2000}'], size: 16 }] },
  repositories: [{ name: 'repo', storageNamespace: 's3://bucket/repos/repo', branches: [{ name: 'dev' }] }],
  faults,
})
const body = importBody([{ path: 's3://bucket/big/', destination: 'big/' }], { message: 'load' })

/** Status once per emulator second, `n` times, as [ingested_objects, update_time offset, completed]. */
async function poll(h: Harness, id: string, n: number) {
  const seen = []
  for (let i = 0; i < n; i++) {
    const s = (await status(h, 'repo', id)).body
    seen.push([s.ingested_objects, Date.parse(s.update_time) - T0, s.completed, ...(s.error ? [s.error.message] : [])])
    await h.advance(1000)
  }
  return seen
}

describe('import stall', () => {
  it('freezes progress for forMs while update_time ticks on, then resumes at the same pace', async () => {
    const h = setup(world({ name: 'hiccup', import: { stall: { atObjects: 5000, forMs: 3000 } } }))
    const id = await startImport(h, 'repo', 'main', body)
    expect(await poll(h, id, 7)).toEqual([
      [0, 0, false],
      [5000, 1000, false],
      [5000, 2000, false],
      [5000, 3000, false],
      [5000, 4000, false],
      [10000, 5000, false],
      [12000, 6000, true],
    ])
  })

  it('without forMs never finishes until cancelled; the count reached is published, update_time moves', async () => {
    const h = setup(world({ name: 'hang', import: { stall: { atObjects: 7000 } } }))
    const id = await startImport(h, 'repo', 'main', body)
    await h.advance(3_600_000)
    expect((await status(h, 'repo', id)).body).toEqual({ completed: false, update_time: iso(T0 + 3_600_000), ingested_objects: 7000 })
    const report = (await h.control('GET', '/imports')).body.imports[0]
    expect(report).toMatchObject({ state: 'running', walkedObjects: 7000 })
    expect(report.effects).toEqual([
      { rule: 'hang', kind: 'stall', detail: { atObjects: 7000 }, firedAt: iso(T0 + 1400), endsAt: null },
    ])
    expect((await h.request('DELETE', `/repositories/repo/branches/main/import?id=${id}`)).status).toBe(204)
    expect((await status(h, 'repo', id)).body).toEqual({
      completed: false,
      update_time: iso(T0 + 3_600_000),
      ingested_objects: 7000,
      error: { message: 'import error: Canceled' },
    })
  })
})

describe('import crash (the lakeFS process dies)', () => {
  it('freezes the whole status record at the last tick, commits nothing, and can still be cancelled', async () => {
    const h = setup(world({ name: 'oom', import: { crash: { atObjects: 7000 } } }))
    const head = (await h.request('GET', '/repositories/repo/branches/main')).body.commit_id
    const id = await startImport(h, 'repo', 'main', body)
    expect(await poll(h, id, 4)).toEqual([
      [0, 0, false],
      [5000, 1000, false],
      [5000, 1000, false],
      [5000, 1000, false],
    ])
    await h.advance(3_600_000)
    expect((await status(h, 'repo', id)).body).toEqual({ completed: false, update_time: iso(T0 + 1000), ingested_objects: 5000 })
    const report = (await h.control('GET', '/imports')).body.imports[0]
    expect(report).toMatchObject({ state: 'running', walkedObjects: 7000 })
    expect(report.effects).toEqual([{ rule: 'oom', kind: 'crash', detail: { atObjects: 7000 }, firedAt: iso(T0 + 1400) }])
    expect((await h.request('GET', '/repositories/repo/branches/main')).body.commit_id).toBe(head)
    // The record is still in lakeFS's KV store, so a cancel writes to it as ever.
    expect((await h.request('DELETE', `/repositories/repo/branches/main/import?id=${id}`)).status).toBe(204)
    expect((await status(h, 'repo', id)).body).toEqual({
      completed: false,
      update_time: iso(T0 + 3_604_000),
      ingested_objects: 5000,
      error: { message: 'import error: Canceled' },
    })
  })
})

describe('import fail', () => {
  it('fails at atObjects with the given message, and the branch is untouched', async () => {
    const h = setup(world({ import: { fail: { atObjects: 7000, message: 'S3 listing timed out' } } }))
    const head = (await h.request('GET', '/repositories/repo/branches/main')).body.commit_id
    const id = await startImport(h, 'repo', 'main', body)
    expect(await poll(h, id, 3)).toEqual([
      [0, 0, false],
      [5000, 1000, false],
      [7000, 2000, false, 'import error: S3 listing timed out'],
    ])
    expect((await h.request('GET', '/repositories/repo/branches/main')).body.commit_id).toBe(head)
  })
})

describe('import throttle', () => {
  it('changes the pace from atObjects on', async () => {
    const h = setup(world({ import: { throttle: { atObjects: 5000, objectsPerSecond: 1000 } } }))
    const id = await startImport(h, 'repo', 'main', body)
    expect(await poll(h, id, 4)).toEqual([
      [0, 0, false],
      [5000, 1000, false],
      [6000, 2000, false],
      [7000, 3000, false],
    ])
  })
})

describe('import conflicts', () => {
  it('dirtyBranch: an uncommitted change appears before the commit, which then fails', async () => {
    const h = setup(world({ name: 'someone-writes', import: { conflict: 'dirtyBranch' } }))
    const id = await startImport(h, 'repo', 'main', body)
    await h.advance(4000)
    expect((await status(h, 'repo', id)).body).toEqual({
      completed: false,
      update_time: iso(T0 + 3000),
      ingested_objects: 12000,
      error: { message: 'import error: merge import: uncommitted changes (dirty branch)' },
    })
    const diff = (await h.request('GET', '/repositories/repo/branches/main/diff')).body.results
    expect(diff).toEqual([{ type: 'added', path: `_lakefs_emulator/uncommitted-${id}`, path_type: 'object', size_bytes: 94 }])
  })

  it('concurrentCommit: another commit lands mid-import and the import rebases onto it', async () => {
    const h = setup(world({ name: 'other-writer', import: { conflict: 'concurrentCommit' } }))
    const id = await startImport(h, 'repo', 'main', body)
    await h.advance(4000)
    const done = (await status(h, 'repo', id)).body
    expect(done).toMatchObject({ completed: true, ingested_objects: 12000 })
    const parent = (await h.request('GET', `/repositories/repo/commits/${done.commit.parents[0]}`)).body
    expect(parent).toMatchObject({ message: 'Concurrent commit (fault rule "other-writer")', committer: 'lakefs-emulator' })
    const paths = (await listAll(h, 'repo', 'main')).map((o) => o.path)
    expect(paths).toHaveLength(12001)
    expect(paths).toContain(`_lakefs_emulator/concurrent-${id}`)
    expect((await h.request('GET', '/repositories/repo/branches/main/diff')).body.results).toEqual([])
  })
})

describe('import rule triggers', () => {
  it('count started imports per rule, match repository and branch, and show in the journal', async () => {
    const h = setup(world({ name: 'second-on-main', branch: 'main', calls: [2], import: { fail: { atObjects: 0 } } }))
    const first = await startImport(h, 'repo', 'main', body)
    const onDev = await startImport(h, 'repo', 'dev', body)
    const second = await startImport(h, 'repo', 'main', body)
    await h.advance(1000)
    expect((await status(h, 'repo', first)).body.error).toBeUndefined()
    expect((await status(h, 'repo', onDev)).body.error).toBeUndefined()
    expect((await status(h, 'repo', second)).body.error?.message).toBe('import error: injected failure (fault rule "second-on-main")')
    const starts = (await h.control('GET', '/journal?operation=importStart')).body.entries
    expect(starts.map((e: any) => e.faults)).toEqual([[], [], ['second-on-main']])
  })
})
