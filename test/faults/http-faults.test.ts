/** HTTP fault rules: which calls they match, when they fire, and what the client then sees. */
import { describe, expect, it } from 'vitest'
import type { FaultRule, Scenario } from '../../src/index.js'
import { setup, T0, withClockRunning } from '../support/harness.js'

const repos: Scenario['repositories'] = [
  { name: 'repo', storageNamespace: 's3://bucket/repos/repo', branches: [{ name: 'dev' }] },
  { name: 'other', storageNamespace: 's3://bucket/repos/other' },
]
const withFaults = (...faults: FaultRule[]) => setup({ repositories: repos, faults })
const TEAPOT = { status: 418, message: 'injected' } as const

/** Calls getBranch `n` times and returns the statuses. */
async function statuses(h: ReturnType<typeof setup>, n: number, path = '/repositories/repo/branches/main') {
  const out: number[] = []
  for (let i = 0; i < n; i++) out.push((await h.request('GET', path)).status)
  return out
}

describe('fault triggers', () => {
  it('fires on exactly the listed calls', async () => {
    const h = withFaults({ operation: 'getBranch', calls: [2, 3], respond: { status: 500 } })
    expect(await statuses(h, 5)).toEqual([200, 500, 500, 200, 200])
  })

  it('fires from the Nth call on with after, and stops after `times`', async () => {
    const h = withFaults({ operation: 'getBranch', after: 3, times: 2, respond: { status: 503 } })
    expect(await statuses(h, 6)).toEqual([200, 200, 503, 503, 200, 200])
  })

  it('fires on every Nth call', async () => {
    const h = withFaults({ operation: 'getBranch', every: 3, respond: { status: 503 } })
    expect(await statuses(h, 7)).toEqual([200, 200, 503, 200, 200, 503, 200])
  })

  it('draws probability from the seed: the same seed replays the same calls', async () => {
    const rule: FaultRule = { operation: 'getBranch', probability: 0.3, respond: { status: 503 } }
    const run = async (seed: number) => statuses(setup({ repositories: repos, faults: [rule] }, { seed }), 40)
    const first = await run(7)
    expect(await run(7)).toEqual(first)
    expect(await run(8)).not.toEqual(first)
    const fired = first.filter((s) => s === 503).length
    expect(fired).toBeGreaterThan(4)
    expect(fired).toBeLessThan(22)
  })

  it('fires only inside its window of emulator time', async () => {
    const h = withFaults({ operation: 'getBranch', window: { fromMs: 1000, untilMs: 3000 }, respond: { status: 503 } })
    const seen: number[] = []
    for (let t = 0; t < 4; t++) {
      seen.push(...(await statuses(h, 1)))
      await h.advance(1000)
    }
    expect(seen).toEqual([200, 503, 503, 200])
  })

  it('matches on operation lists, "*", method, repository and branch', async () => {
    const h = withFaults(
      { operation: ['getRepository', 'listBranches'], repository: 'other', respond: TEAPOT },
      { operation: '*', method: 'DELETE', respond: { status: 409 } },
      { operation: 'getBranch', branch: 'dev', respond: { status: 404, message: 'branch not found' } }
    )
    expect((await h.request('GET', '/repositories/repo')).status).toBe(200)
    expect((await h.request('GET', '/repositories/other')).status).toBe(418)
    expect((await h.request('GET', '/repositories/other/branches')).status).toBe(418)
    expect((await h.request('DELETE', '/repositories/repo/branches/dev')).status).toBe(409)
    expect((await h.request('GET', '/repositories/repo/branches/main')).status).toBe(200)
    expect((await h.request('GET', '/repositories/repo/branches/dev')).body).toEqual({ message: 'branch not found' })
  })

  it('evaluates rules in order: the first that answers wins and later rules do not count the call', async () => {
    const h = withFaults(
      { name: 'first', operation: 'getBranch', calls: [1], respond: { status: 503 } },
      { name: 'second', operation: 'getBranch', calls: [1], respond: TEAPOT }
    )
    expect(await statuses(h, 3)).toEqual([503, 418, 200])
    const journal = (await h.control('GET', '/journal')).body.entries
    expect(journal.map((e: any) => e.faults)).toEqual([['first'], ['second'], []])
  })
})

describe('HTTP effects', () => {
  it('answers a 429 with Retry-After and lakeFS wording', async () => {
    const h = withFaults({ operation: 'getBranch', respond: { status: 429, headers: { 'Retry-After': '2' } } })
    const res = await h.request('GET', '/repositories/repo/branches/main')
    expect(res.status).toBe(429)
    expect(res.headers.get('Retry-After')).toBe('2')
    expect(res.body).toEqual({ message: 'Too many attempts, try again later' })
  })

  it("uses lakeFS's 503 text, a custom message, or a whole custom body", async () => {
    const h = withFaults(
      { operation: 'getBranch', calls: [1], respond: { status: 503 } },
      { operation: 'getBranch', calls: [1], respond: { status: 500, message: 'boom' } },
      { operation: 'getBranch', calls: [1], respond: { status: 500, body: { message: 'custom', extra: 1 } } }
    )
    const bodies = []
    for (let i = 0; i < 3; i++) bodies.push((await h.request('GET', '/repositories/repo/branches/main')).body)
    expect(bodies).toEqual([
      { message: 'Throughput exceeded. Slow down and retry' },
      { message: 'boom' },
      { message: 'custom', extra: 1 },
    ])
  })

  it('delays the real handler on the emulator clock', async () => {
    const h = withFaults({ operation: 'getBranch', delayMs: 1500 })
    let answered = false
    const pending = h.request('GET', '/repositories/repo/branches/main').then((r) => ((answered = true), r))
    await h.advance(1499)
    expect(answered).toBe(false)
    await h.advance(1)
    expect((await pending).status).toBe(200)
    const [entry] = (await h.control('GET', '/journal')).body.entries
    expect(entry).toMatchObject({ operationId: 'getBranch', status: 200, latencyMs: 1500, faults: ['faults[0]'] })
  })

  it('draws jittered delays from the seed', async () => {
    const latencies = async (seed: number) => {
      const h = setup({ repositories: repos, faults: [{ operation: 'getBranch', delayMs: { min: 100, max: 900 } }] }, { seed })
      for (let i = 0; i < 5; i++) {
        // Stepping the clock a millisecond at a time, each request finishes at exactly its delay.
        await withClockRunning(h, h.request('GET', '/repositories/repo/branches/main'))
      }
      return (await h.control('GET', '/journal')).body.entries.map((e: any) => e.latencyMs)
    }
    // Exact, because the draws come from the seed; another seed gives other delays.
    expect(await latencies(3)).toEqual([157, 596, 502, 351, 177])
    expect(await latencies(4)).not.toEqual([157, 596, 502, 351, 177])
  })

  it('drops the connection: in-process the request rejects, and the journal shows no status', async () => {
    const h = withFaults({ name: 'cut', operation: 'getBranch', calls: [1], dropConnection: true })
    await expect(h.app.request('/repositories/repo/branches/main'.replace(/^/, '/api/v1'))).rejects.toThrow(
      'connection dropped by fault rule "cut"'
    )
    expect((await h.request('GET', '/repositories/repo/branches/main')).status).toBe(200)
    const entries = (await h.control('GET', '/journal')).body.entries
    expect(entries.map((e: any) => [e.status, e.faults])).toEqual([
      [null, ['cut']],
      [200, []],
    ])
  })

  it('returns a 404 on importStatus just after start (lakeFS issue 9640)', async () => {
    const h = setup({
      store: { objects: [{ uri: 's3://bucket/data/a', content: 'a' }] },
      repositories: repos,
      faults: [{ operation: 'importStatus', calls: [1], respond: { status: 404 } }],
    })
    const started = await h.request('POST', '/repositories/repo/branches/main/import', {
      body: { paths: [{ type: 'common_prefix', path: 's3://bucket/data/', destination: 'd/' }], commit: { message: 'm' } },
    })
    const poll = () => h.request('GET', `/repositories/repo/branches/main/import?id=${started.body.id}`)
    expect((await poll()).body).toEqual({ message: 'not found' })
    expect((await poll()).body).toEqual({ completed: false, update_time: new Date(T0).toISOString(), ingested_objects: 0 })
  })
})
