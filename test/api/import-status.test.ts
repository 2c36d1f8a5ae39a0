import { describe, expect, it } from 'vitest'
import type { Scenario } from '../../src/index.js'
import { importBody, setup, startImport, status, T0 } from '../support/harness.js'

const iso = (ms: number) => new Date(ms).toISOString()
const world = (extra: Partial<Scenario> = {}): Scenario => ({
  store: { generate: [{ prefix: 's3://bucket/big/', keys: ['part-{1..6}/f{0001..2000}'], size: 16 }] },
  repositories: [{ name: 'repo', storageNamespace: 's3://bucket/repos/repo' }],
  ...extra,
})
const body = importBody([{ path: 's3://bucket/big/', destination: 'big/' }], { message: 'load' })

describe('importStatus', () => {
  it('rises in steps of the pace at each one-second tick, then completes and freezes', async () => {
    const h = setup(world())
    const id = await startImport(h, 'repo', 'main', body)
    const seen = []
    for (let i = 0; i < 4; i++) {
      const { completed, update_time, ingested_objects } = (await status(h, 'repo', id)).body
      seen.push({ completed, update_time, ingested_objects })
      await h.advance(1000)
    }
    expect(seen).toEqual([
      { completed: false, update_time: iso(T0), ingested_objects: 0 },
      { completed: false, update_time: iso(T0 + 1000), ingested_objects: 5000 },
      { completed: false, update_time: iso(T0 + 2000), ingested_objects: 10000 },
      { completed: true, update_time: iso(T0 + 3000), ingested_objects: 12000 },
    ])
    await h.advance(60_000)
    expect((await status(h, 'repo', id)).body.update_time).toBe(iso(T0 + 3000))
  })

  it('publishes nothing between ticks, even when the work is done', async () => {
    const h = setup(world({ import: { objectsPerSecond: 0 } }))
    const id = await startImport(h, 'repo', 'main', body)
    await h.advance(999)
    expect((await status(h, 'repo', id)).body).toEqual({ completed: false, update_time: iso(T0), ingested_objects: 0 })
    await h.advance(1)
    expect((await status(h, 'repo', id)).body).toMatchObject({ completed: true, ingested_objects: 12000 })
  })

  it('publishes live with statusIntervalMs 0 and objectsPerSecond 0', async () => {
    const h = setup(world({ import: { objectsPerSecond: 0, statusIntervalMs: 0 } }))
    const id = await startImport(h, 'repo', 'main', body)
    await h.emulator.settle()
    const res = await status(h, 'repo', id)
    expect(res.body).toMatchObject({ completed: true, update_time: iso(T0), ingested_objects: 12000 })
    expect(res.body.commit.creation_date).toBe(T0 / 1000)
  })

  it('follows a custom pace', async () => {
    const h = setup(world({ import: { objectsPerSecond: 250, statusIntervalMs: 2000 } }))
    const id = await startImport(h, 'repo', 'main', body)
    await h.advance(2000)
    expect((await status(h, 'repo', id)).body).toEqual({ completed: false, update_time: iso(T0 + 2000), ingested_objects: 500 })
  })

  it('returns the success shape: metarange_id equals the commit metarange', async () => {
    const h = setup(world({ import: { objectsPerSecond: 0 } }))
    const id = await startImport(h, 'repo', 'main', body)
    await h.advance(1000)
    const s = (await status(h, 'repo', id)).body
    expect(Object.keys(s).sort()).toEqual(['commit', 'completed', 'ingested_objects', 'metarange_id', 'update_time'])
    expect(s.metarange_id).toBe(s.commit.meta_range_id)
    expect(s.metarange_id).toMatch(/^[0-9a-f]{64}$/)
  })

  it('ignores the branch segment', async () => {
    const h = setup(world())
    const id = await startImport(h, 'repo', 'main', body)
    expect((await status(h, 'repo', id, 'no-such-branch')).status).toBe(200)
  })

  it('answers 404 for an unknown id or repository', async () => {
    const h = setup(world())
    const id = await startImport(h, 'repo', 'main', body)
    const unknown = await status(h, 'repo', 'c00000000000000000a0')
    expect([unknown.status, unknown.body]).toEqual([404, { message: 'not found' }])
    const repo = await status(h, 'nope', id)
    expect([repo.status, repo.body]).toEqual([404, { message: 'repository not found' }])
  })

  it('answers 400 without an id', async () => {
    const h = setup(world())
    const res = await h.request('GET', '/repositories/repo/branches/main/import')
    expect([res.status, res.body]).toEqual([400, { message: 'parameter "id" in query has an error: value is required but missing' }])
  })

  it('answers polls with a repeated id, or without credentials, as the validated route does', async () => {
    const h = setup(world())
    const id = await startImport(h, 'repo', 'main', body)
    const twice = await h.request('GET', `/repositories/repo/branches/main/import?id=${id}&id=${id}`)
    expect([twice.status, twice.body]).toEqual([400, { message: 'parameter "id" in query has an error: value is required but missing' }])
    const anonymous = await h.request('GET', `/repositories/repo/branches/main/import?id=${id}`, { auth: null })
    expect([anonymous.status, anonymous.body]).toEqual([401, { message: 'error authenticating request' }])
    const journal = (await h.control('GET', '/journal?operation=importStatus')).body.entries
    expect(journal.map((e: any) => [e.status, e.problems.length])).toEqual([[400, 1], [401, 0]])
  })

  it('marks every poll JSON and nosniff, and serves each published status unchanged until the next', async () => {
    const h = setup(world())
    const id = await startImport(h, 'repo', 'main', body)
    const first = await status(h, 'repo', id)
    expect([first.headers.get('content-type'), first.headers.get('x-content-type-options')]).toEqual(['application/json', 'nosniff'])
    expect((await status(h, 'repo', id)).text).toBe(first.text)
    await h.advance(1000)
    expect((await status(h, 'repo', id)).body.ingested_objects).toBe(5000)
  })

  it('answers an ordinary poll exactly as the full route does (same bytes, headers and journal entry)', async () => {
    // An HTTP fault rule that never fires sends every poll through routing and middleware.
    const routed = setup(world({ faults: [{ operation: 'getBranch', calls: [1000], respond: { status: 500 } }] }))
    const direct = setup(world())
    const polls = []
    for (const h of [direct, routed]) {
      const id = await startImport(h, 'repo', 'main', body)
      const seen = []
      for (const query of [`?id=${id}`, `?id=${id}&extra=1`]) {
        const res = await h.request('GET', `/repositories/repo/branches/main/import${query}`)
        seen.push([res.status, res.text, res.headers.get('content-type'), res.headers.get('x-content-type-options')])
        await h.advance(1000)
      }
      const journal = (await h.control('GET', '/journal?operation=importStatus')).body.entries
      polls.push({ seen, journal: journal.map(({ seq, ...e }: any) => e) })
    }
    expect(polls[0]!.seen[0]).toEqual([200, JSON.stringify({ completed: false, update_time: iso(T0), ingested_objects: 0 }), 'application/json', 'nosniff'])
    expect(polls[0]).toEqual(polls[1])
  })

  it('forgets expired records without being asked for them, so a long suite does not keep them all', async () => {
    const h = setup(world({ import: { objectsPerSecond: 0 } }))
    const old = await startImport(h, 'repo', 'main', body)
    await h.advance(1000)
    await h.advance(24 * 3600 * 1000 + 60_000)
    const fresh = await startImport(h, 'repo', 'main', importBody([{ path: 's3://bucket/big/part-1/', destination: 'p1/' }], { message: 'again' }))
    expect(h.emulator.imports.list().map((j) => j.id)).toEqual([fresh])
    expect(old).not.toBe(fresh)
  })

  it('expires a record 24 hours after its last update', async () => {
    const h = setup(world({ import: { objectsPerSecond: 0 } }))
    const id = await startImport(h, 'repo', 'main', body)
    await h.advance(1000)
    await h.advance(24 * 3600 * 1000)
    expect((await status(h, 'repo', id)).status).toBe(200)
    await h.advance(1)
    expect((await status(h, 'repo', id)).status).toBe(404)
    expect((await h.request('DELETE', `/repositories/repo/branches/main/import?id=${id}`)).status).toBe(404)
  })

  it('keeps a running import alive past 24 hours, because every tick updates it', async () => {
    const h = setup(world({ import: { objectsPerSecond: 0.1 } }))
    const id = await startImport(h, 'repo', 'main', body)
    await h.advance(25 * 3600 * 1000)
    expect((await status(h, 'repo', id)).body).toMatchObject({ completed: false, ingested_objects: 9000 })
  })
})
