/** The /_emulator control API: token, clock, scenario, reset, fake store, journal, coverage. */
import { describe, expect, it } from 'vitest'
import { createApp, ManualClock, type Scenario } from '../../src/index.js'
import { AUTH, setup, startImport, status, T0 } from '../support/harness.js'
import { LAKEFS_OPERATION_IDS } from '../../src/api/lakefs/operation-ids.js'

const iso = (ms: number) => new Date(ms).toISOString()
const base: Scenario = { repositories: [{ name: 'repo', storageNamespace: 's3://bucket/repos/repo' }] }

describe('control token', () => {
  const token = 'correct-horse-battery'

  it('refuses calls without the bearer token, or with another one', async () => {
    const h = setup(base, { controlToken: token })
    for (const t of [undefined, 'wrong-token-xxxxxxxxx']) {
      const res = await h.control('GET', '/clock', { token: t })
      expect(res.status).toBe(401)
      expect(res.body).toEqual({ message: 'missing or invalid control token' })
      expect(res.headers.get('WWW-Authenticate')).toBe('Bearer realm="lakefs-emulator control API"')
    }
    expect((await h.control('POST', '/reset', { token: 'nope' })).status).toBe(401)
    expect((await h.control('GET', '/clock', { token })).status).toBe(200)
  })

  it('leaves the control API document readable, and the lakeFS API on its own credentials', async () => {
    const h = setup(base, { controlToken: token })
    expect((await h.control('GET', '/openapi.json')).status).toBe(200)
    expect((await h.request('GET', '/repositories/repo')).status).toBe(200)
  })

  it('is open when no token is configured', async () => {
    expect((await setup(base).control('GET', '/clock')).status).toBe(200)
  })
})

describe('control API document', () => {
  it('lists the control operations, apart from the lakeFS document', async () => {
    const h = setup(base)
    const doc = (await h.control('GET', '/openapi.json')).body
    expect(doc.servers).toEqual([{ url: '/_emulator' }])
    const ops = Object.entries<any>(doc.paths).flatMap(([path, item]) =>
      Object.entries<any>(item).map(([method, op]) => `${method.toUpperCase()} ${path} ${op.operationId}`)
    )
    expect(ops.sort()).toEqual([
      'DELETE /journal clearJournal',
      'DELETE /objects deleteStoreObject',
      'GET /clock getClock',
      'GET /coverage getCoverage',
      'GET /imports listImports',
      'GET /journal getJournal',
      'GET /repositories listRepositorySummaries',
      'GET /repositories/{repository}/log getCommitLog',
      'GET /runs listRuns',
      'GET /scenario getScenario',
      'GET /scenario/summary getScenarioSummary',
      'POST /clock/advance advanceClock',
      'POST /imports/{id}/cancel cancelImport',
      'POST /reset reset',
      'PUT /objects putStoreObject',
      'PUT /scenario putScenario',
    ])
    const lakefs = await (await h.app.request('/openapi.json')).json()
    expect(Object.keys(lakefs.paths).some((p) => p.includes('_emulator'))).toBe(false)
  })
})

describe('clock', () => {
  it('reports emulator time and advances it, letting imports catch up before answering', async () => {
    const h = setup({ ...base, store: { generate: [{ prefix: 's3://bucket/d/', keys: ['f{00001..12000}'], size: 4 }] } })
    expect((await h.control('GET', '/clock')).body).toEqual({ mode: 'manual', speed: 0, now: iso(T0), nowMs: T0, elapsedMs: 0 })
    const id = await startImport(h, 'repo', 'main', { paths: [{ type: 'common_prefix', path: 's3://bucket/d/', destination: 'd/' }], commit: { message: '' } })
    const advanced = await h.control('POST', '/clock/advance', { body: { ms: 1000 } })
    expect(advanced.body).toEqual({ mode: 'manual', speed: 0, now: iso(T0 + 1000), nowMs: T0 + 1000, elapsedMs: 1000 })
    expect((await status(h, 'repo', id)).body.ingested_objects).toBe(5000)
  })

  it('rejects a negative or missing ms with the JSON path', async () => {
    const h = setup(base)
    const res = await h.control('POST', '/clock/advance', { body: { ms: -5 } })
    expect(res.status).toBe(400)
    expect(res.body.problems).toEqual([{ path: '$.ms', message: 'Too small: expected number to be >=0' }])
    expect((await h.control('POST', '/clock/advance', { body: {} })).status).toBe(400)
    expect((await h.control('GET', '/clock')).body.nowMs).toBe(T0)
  })
})

describe('scenario', () => {
  it('returns the loaded scenario', async () => {
    expect((await setup(base).control('GET', '/scenario')).body).toEqual(base)
  })

  it('rejects an invalid scenario with JSON paths, and keeps the world', async () => {
    const h = setup(base)
    const res = await h.control('PUT', '/scenario', {
      body: { repositories: [{ name: 'x', storageNamespace: 's3://b/x' }], faults: [{ operation: 'getRepo', respond: { status: 500 } }] },
    })
    expect(res.status).toBe(400)
    expect(res.body.problems.map((p: any) => p.path)).toEqual(['$.repositories[0].name', '$.faults[0].operation'])
    expect(res.body.message).toMatch(/^invalid scenario: \$\.repositories\[0\]\.name: /)
    expect((await h.request('GET', '/repositories/repo')).status).toBe(200)
  })

  it('checks a scenario as a file is checked: a webhook fault rule is taken, and the generated-object limit holds', async () => {
    const h = setup(base)
    const hooked: Scenario = { ...base, faults: [{ operation: 'webhook', respond: { status: 500 } }] }
    expect((await h.control('PUT', '/scenario', { body: hooked })).status).toBe(204)
    const huge = await h.control('PUT', '/scenario', { body: { store: { generate: [{ prefix: 's3://b/', keys: ['{1..6000000}'], size: 1 }] } } })
    expect([huge.status, huge.body.problems]).toEqual([400, [{ path: '$.store.generate[0].keys[0]', message: 'expected at most 5000000 generated objects in all (--max-generated-objects raises it), but the patterns so far produce 6000000' }]])
    expect((await h.control('GET', '/scenario')).body).toEqual(hooked)
  })

  it('replaces the world and the rules', async () => {
    const h = setup(base)
    const next: Scenario = {
      repositories: [{ name: 'fresh', storageNamespace: 's3://bucket/fresh' }],
      faults: [{ operation: 'getRepository', respond: { status: 503 } }],
    }
    expect((await h.control('PUT', '/scenario', { body: next })).status).toBe(204)
    expect((await h.control('GET', '/scenario')).body).toEqual(next)
    expect((await h.request('GET', '/repositories/repo')).status).toBe(503)
    expect((await h.request('GET', '/repositories')).body.results.map((r: any) => r.id)).toEqual(['fresh'])
  })
})

describe('a list of scenarios', () => {
  it('merges them as repeated --scenario flags do, and names the one that is wrong', async () => {
    const h = setup(base)
    const extra: Scenario = { repositories: [{ name: 'extra', storageNamespace: 's3://bucket/extra' }] }
    expect((await h.control('PUT', '/scenario', { body: [base, extra] })).status).toBe(204)
    expect((await h.request('GET', '/repositories')).body.results.map((r: any) => r.id)).toEqual(['extra', 'repo'])
    const bad = await h.control('PUT', '/scenario', { body: [base, { repositories: [{ name: 'x' }] }] })
    expect(bad.status).toBe(400)
    expect(bad.body.problems.map((p: any) => p.path)).toEqual(['$[1].repositories[0].name', '$[1].repositories[0].storageNamespace'])
    expect((await h.request('GET', '/repositories')).body.results.map((r: any) => r.id)).toEqual(['extra', 'repo'])
  })
})

describe('reset', () => {
  it("goes back to the scenario's initial state, rule counters included", async () => {
    const h = setup({ ...base, faults: [{ operation: 'getBranch', calls: [1], respond: { status: 503 } }] })
    expect((await h.request('GET', '/repositories/repo/branches/main')).status).toBe(503)
    expect((await h.request('POST', '/repositories/repo/branches', { body: { name: 'feature', source: 'main' } })).status).toBe(201)
    expect((await h.control('POST', '/reset')).status).toBe(204)
    expect((await h.request('GET', '/repositories/repo/branches/main')).status).toBe(503)
    expect((await h.request('GET', '/repositories/repo/branches/feature')).status).toBe(404)
  })
})

describe('fake store objects', () => {
  it('puts raw bytes an import then sees, and deletes them', async () => {
    const h = setup(base)
    const put = await h.control('PUT', '/objects?uri=s3://bucket/drop/a.csv', { raw: 'id,v\n1,2\n' })
    expect(put.status).toBe(201)
    expect(put.body).toEqual({ uri: 's3://bucket/drop/a.csv', size: 9, etag: '93e3a3696bfcadafd2cdf3f540135420', lastModified: iso(T0) })
    const id = await startImport(h, 'repo', 'main', { paths: [{ type: 'common_prefix', path: 's3://bucket/drop/', destination: 'in/' }], commit: { message: '' } })
    await h.advance(1000)
    expect((await status(h, 'repo', id)).body).toMatchObject({ completed: true, ingested_objects: 1 })
    expect((await h.control('DELETE', '/objects?uri=s3://bucket/drop/a.csv')).status).toBe(204)
    const again = await h.control('DELETE', '/objects?uri=s3://bucket/drop/a.csv')
    expect([again.status, again.body]).toEqual([404, { message: 'no object at s3://bucket/drop/a.csv' }])
  })

  it('requires a uri', async () => {
    const res = await setup(base).control('PUT', '/objects', { raw: 'x' })
    expect(res.status).toBe(400)
    expect(res.body.problems[0].path).toBe('$.uri')
  })
})

describe('journal', () => {
  it('records every lakeFS request exactly, with validation problems, and filters', async () => {
    const h = setup(base)
    await h.request('GET', '/repositories/repo')
    await h.advance(250)
    await h.request('POST', '/repositories/repo/branches', { body: { name: 'b' } })
    const own = await h.app.request('/api/v1/no/such/thing', { headers: { 'X-Request-Id': 'ci-run-7:step-3' } })
    expect(own.headers.get('X-Request-Id')).toBe('ci-run-7:step-3')
    const entries = (await h.control('GET', '/journal')).body.entries
    expect(entries).toEqual([
      { seq: 1, requestId: '00000000-0000-4000-8000-000000000001', time: iso(T0), method: 'GET', path: '/api/v1/repositories/repo', query: '', operationId: 'getRepository', status: 200, latencyMs: 0, faults: [], problems: [] },
      {
        seq: 2,
        requestId: '00000000-0000-4000-8000-000000000002',
        time: iso(T0 + 250),
        method: 'POST',
        path: '/api/v1/repositories/repo/branches',
        query: '',
        operationId: 'createBranch',
        status: 400,
        latencyMs: 0,
        faults: [],
        problems: ['json/source: Invalid input: expected string, received undefined'],
      },
      { seq: 3, requestId: 'ci-run-7:step-3', time: iso(T0 + 250), method: 'GET', path: '/api/v1/no/such/thing', query: '', operationId: null, status: 404, latencyMs: 0, faults: [], problems: [] },
    ])
    expect((await h.control('GET', '/journal?operation=createBranch')).body.entries.map((e: any) => e.seq)).toEqual([2])
    expect((await h.control('GET', `/journal?since=${iso(T0 + 1)}`)).body.entries.map((e: any) => e.seq)).toEqual([2, 3])
    expect((await h.control('GET', '/journal?since=yesterday')).status).toBe(400)
    expect((await h.control('DELETE', '/journal')).status).toBe(204)
    expect((await h.control('GET', '/journal')).body.entries).toEqual([])
  })
})

describe('journal limit', () => {
  it('keeps the latest requests in arrival order while coverage counts every one', async () => {
    const clock = new ManualClock(T0)
    const app = createApp({ scenarios: [base], clock, journalLimit: 3 })
    for (let i = 0; i < 7; i++) await app.request(`/api/v1/repositories/${i % 2 ? 'repo' : 'nope'}`, { headers: { Authorization: AUTH } })
    const entries = (await (await app.request('/_emulator/journal')).json()).entries
    expect(entries.map((e: any) => [e.seq, e.status])).toEqual([[5, 404], [6, 200], [7, 404]])
    const coverage = (await (await app.request('/_emulator/coverage')).json()).exercised
    expect(coverage).toMatchObject([{ operationId: 'getRepository', calls: 7, statuses: { '200': 3, '404': 4 } }])
  })

  it('refuses a limit that is not a positive integer', () => {
    for (const journalLimit of [0, -1, 2.5]) expect(() => createApp({ journalLimit })).toThrow(`journal limit must be a positive integer, got ${journalLimit}`)
  })
})

describe('coverage', () => {
  it('reports the operations and statuses exercised, and those never touched', async () => {
    const h = setup(base)
    await h.request('GET', '/repositories/repo')
    await h.request('GET', '/repositories/nope')
    await h.request('GET', '/repositories/repo', { auth: null })
    await h.request('GET', '/repositories/repo/branches/main')
    const report = (await h.control('GET', '/coverage')).body
    // lakeFS's operations and the storage doors' 71 (S3, GCS, Azure).
    expect(report.operations).toEqual({ served: LAKEFS_OPERATION_IDS.length + 71, exercised: 2 })
    expect(report.exercised).toEqual([
      { operationId: 'getBranch', method: 'GET', path: '/repositories/{repository}/branches/{branch}', calls: 1, statuses: { '200': 1 }, missingStatuses: [400, 401, 404, 429] },
      { operationId: 'getRepository', method: 'GET', path: '/repositories/{repository}', calls: 3, statuses: { '200': 1, '401': 1, '404': 1 }, missingStatuses: [400, 429] },
    ])
    expect(report.untouched).toHaveLength(LAKEFS_OPERATION_IDS.length + 71 - 2)
    expect(report.untouched[0]).toEqual({ operationId: 'CreateCommitRecord', method: 'POST', path: '/repositories/{repository}/commits' })
    expect(report.statuses.exercised).toBe(4)
    expect((await h.control('DELETE', '/journal')).status).toBe(204)
    expect((await h.control('GET', '/coverage')).body.operations).toEqual({ served: LAKEFS_OPERATION_IDS.length + 71, exercised: 0 })
  })
})
