/**
 * Every shipped bad-day scenario, loaded from scenarios/ and exercised on the manual clock, showing
 * the misbehaviour its description promises.
 */
import { describe, expect, it } from 'vitest'
import { loadScenarioFile } from '../../src/index.js'
import { importBody, setup, startImport, status, T0, withClockRunning } from '../support/harness.js'

const iso = (ms: number) => new Date(ms).toISOString()
const load = (name: string) => setup(loadScenarioFile(`scenarios/${name}.json`))
const RAW = importBody([{ path: 's3://my-bucket/raw/2024-01-15/', destination: 'raw/2024-01-15/' }], { message: 'daily load' })
const statusPath = (id: string) => `/repositories/my-repo/branches/main/import?id=${id}`

describe('slow-import', () => {
  it('ingests at 500 objects/s and answers each status poll after 100-400 ms', async () => {
    const h = load('slow-import')
    const id = await startImport(h, 'my-repo', 'main', RAW)
    await h.advance(10_000)
    const polled = await withClockRunning(h, h.request('GET', statusPath(id)))
    expect(polled.body).toEqual({ completed: false, update_time: iso(T0 + 10_000), ingested_objects: 5000 })
    const [entry] = (await h.control('GET', '/journal?operation=importStatus')).body.entries
    expect(entry.faults).toEqual(['slow-status'])
    expect(entry.latencyMs).toBeGreaterThanOrEqual(100)
    expect(entry.latencyMs).toBeLessThanOrEqual(400)
    await h.advance(41_000 - (h.clock.now() - T0))
    const done = await withClockRunning(h, h.request('GET', statusPath(id)))
    expect(done.body).toMatchObject({ completed: true, ingested_objects: 20_000, update_time: iso(T0 + 41_000) })
  })
})

describe('stalled-import', () => {
  it('stops counting at 7,500 while update_time ticks on, for good, until the client cancels', async () => {
    const h = load('stalled-import')
    const id = await startImport(h, 'my-repo', 'main', RAW)
    await h.advance(1000)
    expect((await status(h, 'my-repo', id)).body).toEqual({ completed: false, update_time: iso(T0 + 1000), ingested_objects: 5000 })
    await h.advance(1000)
    expect((await status(h, 'my-repo', id)).body).toEqual({ completed: false, update_time: iso(T0 + 2000), ingested_objects: 7500 })
    await h.advance(3_600_000)
    expect((await status(h, 'my-repo', id)).body).toEqual({ completed: false, update_time: iso(T0 + 3_602_000), ingested_objects: 7500 })
    expect((await h.request('DELETE', statusPath(id))).status).toBe(204)
    expect((await status(h, 'my-repo', id)).body.error).toEqual({ message: 'import error: Canceled' })
  })
})

describe('lakefs-dies-mid-import', () => {
  it('freezes the status whole (count and update_time) after 6,000 objects, and never finishes', async () => {
    const h = load('lakefs-dies-mid-import')
    const id = await startImport(h, 'my-repo', 'main', RAW)
    await h.advance(1000)
    const frozen = { completed: false, update_time: iso(T0 + 1000), ingested_objects: 5000 }
    expect((await status(h, 'my-repo', id)).body).toEqual(frozen)
    await h.advance(3_600_000)
    expect((await status(h, 'my-repo', id)).body).toEqual(frozen)
    expect((await h.request('GET', '/repositories/my-repo/refs/main/objects/ls')).body.results).toEqual([])
  })
})

describe('rate-limited', () => {
  it('answers every second status poll with 429 and Retry-After: 2', async () => {
    const h = load('rate-limited')
    const id = await startImport(h, 'my-repo', 'main', RAW)
    const replies = []
    for (let i = 0; i < 4; i++) replies.push(await h.request('GET', statusPath(id)))
    expect(replies.map((r) => r.status)).toEqual([200, 429, 200, 429])
    expect(replies[1]!.headers.get('Retry-After')).toBe('2')
    expect(replies[1]!.body).toEqual({ message: 'Too many attempts, try again later' })
  })
})

describe('import-fails-midway', () => {
  it('fails after 4,000 objects with the storage error, leaving the branch as it was', async () => {
    const h = load('import-fails-midway')
    const head = (await h.request('GET', '/repositories/my-repo/branches/main')).body.commit_id
    const id = await startImport(h, 'my-repo', 'main', RAW)
    await h.advance(1000)
    expect((await status(h, 'my-repo', id)).body).toEqual({
      completed: false,
      update_time: iso(T0 + 1000),
      ingested_objects: 4000,
      error: {
        message:
          'import error: error on ingest: list objects: operation error S3: ListObjectsV2, https response error StatusCode: 500, api error InternalError: We encountered an internal error. Please try again.',
      },
    })
    expect((await h.request('GET', '/repositories/my-repo/branches/main')).body.commit_id).toBe(head)
  })
})

describe('flaky-network', () => {
  /** 1,000 getRepository calls: 'ok', '503' or 'dropped' for each. */
  async function outcomes(): Promise<string[]> {
    const h = load('flaky-network')
    const out: string[] = []
    for (let i = 0; i < 1000; i++) {
      try {
        const res = await h.request('GET', '/repositories/my-repo')
        out.push(res.status === 200 ? 'ok' : String(res.status))
      } catch {
        out.push('dropped')
      }
    }
    return out
  }

  it('fails the same seeded calls every run: about 5% 503s and 2% dropped connections', async () => {
    const first = await outcomes()
    expect(await outcomes()).toEqual(first)
    const count = (what: string) => first.filter((o) => o === what).length
    expect({ '503': count('503'), dropped: count('dropped') }).toEqual({ '503': 52, dropped: 12 })
  })
})

describe('status-404-after-start', () => {
  it('answers the first two status polls with 404, then the real status', async () => {
    const h = load('status-404-after-start')
    const id = await startImport(h, 'my-repo', 'main', RAW)
    const replies = []
    for (let i = 0; i < 3; i++) replies.push(await h.request('GET', statusPath(id)))
    expect(replies.map((r) => [r.status, r.body])).toEqual([
      [404, { message: 'not found' }],
      [404, { message: 'not found' }],
      [200, { completed: false, update_time: iso(T0), ingested_objects: 0 }],
    ])
  })
})

describe('dirty-branch', () => {
  it('fails at commit time because an uncommitted change appeared on the branch', async () => {
    const h = load('dirty-branch')
    const id = await startImport(h, 'my-repo', 'main', RAW)
    await h.advance(3000)
    expect((await status(h, 'my-repo', id)).body).toEqual({
      completed: false,
      update_time: iso(T0 + 3000),
      ingested_objects: 10_000,
      error: { message: 'import error: merge import: uncommitted changes (dirty branch)' },
    })
    const diff = (await h.request('GET', '/repositories/my-repo/branches/main/diff')).body.results
    expect(diff.map((d: any) => d.path)).toEqual([`_lakefs_emulator/uncommitted-${id}`])
  })
})

describe('concurrent-commit', () => {
  it("lands the import on top of another writer's commit", async () => {
    const h = load('concurrent-commit')
    const before = (await h.request('GET', '/repositories/my-repo/branches/main')).body.commit_id
    const id = await startImport(h, 'my-repo', 'main', RAW)
    await h.advance(3000)
    const { commit } = (await status(h, 'my-repo', id)).body
    expect(commit.message).toBe('daily load')
    const parent = (await h.request('GET', `/repositories/my-repo/commits/${commit.parents[0]}`)).body
    expect(parent).toMatchObject({ message: 'Concurrent commit (fault rule "another-writer")', parents: [before] })
    expect((await h.request('GET', '/repositories/my-repo/branches/main')).body.commit_id).toBe(commit.id)
  })
})

describe('throughput-collapse', () => {
  it('drops from 5,000 to 50 objects/s after the first 5,000 objects', async () => {
    const h = load('throughput-collapse')
    const id = await startImport(h, 'my-repo', 'main', RAW)
    const seen = []
    for (const t of [1000, 2000, 3000, 60_000]) {
      await h.advance(t - (h.clock.now() - T0))
      seen.push((await status(h, 'my-repo', id)).body.ingested_objects)
    }
    expect(seen).toEqual([5000, 5050, 5100, 7950])
    await h.advance(302_000 - (h.clock.now() - T0))
    expect((await status(h, 'my-repo', id)).body).toMatchObject({ completed: true, ingested_objects: 20_000 })
  })
})

describe('big-import', () => {
  it('holds a million objects and ingests them at 50,000 objects/s', { timeout: 60_000 }, async () => {
    const h = load('big-import')
    expect(h.emulator.inspect.store.size).toBe(1_000_000)
    const body = importBody([{ path: 's3://my-bucket/raw/2024-01-15/', destination: 'raw/2024-01-15/' }], { message: 'daily load' })
    const id = await startImport(h, 'my-repo', 'main', body)
    await h.advance(2000)
    expect((await status(h, 'my-repo', id)).body).toEqual({ completed: false, update_time: iso(T0 + 2000), ingested_objects: 100_000 })
    expect((await h.request('DELETE', statusPath(id))).status).toBe(204)
  })
})
