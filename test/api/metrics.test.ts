/** GET /metrics: lakeFS's API metrics and the emulator's, in Prometheus's text format, unauthenticated as in lakeFS. */
import { describe, expect, it } from 'vitest'
import { importBody, setup, startImport } from '../support/harness.js'

async function scrape(h: ReturnType<typeof setup>) {
  const res = await h.app.request('/metrics')
  expect(res.status).toBe(200)
  expect(res.headers.get('Content-Type')).toBe('text/plain; version=0.0.4; charset=utf-8')
  const text = await res.text()
  const samples = new Map<string, number>()
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue
    // name{labels} value: every sample line parses (prom-client writes NaN as "Nan", which Prometheus reads case-insensitively)
    const m = /^([a-zA-Z_:][\w:]*(?:\{[^}]*\})?) (-?[\d.e+-]+|NaN|Nan|[+-]Inf)$/.exec(line)
    expect(m, line).not.toBeNull()
    samples.set(m![1]!, Number(m![2]))
  }
  return samples
}

describe('/metrics', () => {
  it('counts requests by code and method, times them by operation, and reports imports, objects and faults', async () => {
    const h = setup({
      import: { objectsPerSecond: 0, statusIntervalMs: 0 },
      store: { generate: [{ prefix: 's3://b/d/', keys: ['f{01..12}'], size: 1 }] },
      repositories: [{ name: 'repo', storageNamespace: 's3://b/repos/repo' }],
      faults: [{ name: 'busy', operation: 'getRepository', calls: [2], respond: { status: 429 } }],
    })
    await h.request('GET', '/repositories/repo')
    await h.request('GET', '/repositories/repo') // the rule answers 429
    await h.request('GET', '/repositories/repo', { auth: 'Basic bm86bm8=' }) // 401
    const id = await startImport(h, 'repo', 'main', importBody([{ path: 's3://b/d/', destination: 'd/' }], { message: 'm' }))
    await h.advance(10)
    expect((await h.request('GET', `/repositories/repo/branches/main/import?id=${id}`)).body.completed).toBe(true)

    const m = await scrape(h)
    expect(m.get('api_requests_total{code="200",method="GET"}')).toBe(2)
    expect(m.get('api_requests_total{code="429",method="GET"}')).toBe(1)
    expect(m.get('api_requests_total{code="401",method="GET"}')).toBe(1)
    expect(m.get('api_requests_total{code="202",method="POST"}')).toBe(1)
    expect(m.get('api_request_duration_seconds_count{operation="getRepository",code="200"}')).toBe(1)
    expect(m.get('api_request_duration_seconds_count{operation="importStatus",code="200"}')).toBe(1)
    expect(m.get('api_request_duration_seconds_bucket{le="+Inf",operation="getRepository",code="429"}')).toBe(1)
    expect(m.get('lakefs_emulator_imports{state="completed"}')).toBe(1)
    expect(m.get('lakefs_emulator_imports{state="running"}')).toBe(0)
    expect(m.get('lakefs_emulator_objects_ingested_total')).toBe(12)
    expect(m.get('lakefs_emulator_fault_rules_fired_total{rule="busy"}')).toBe(1)
    // Node's process metrics, where lakeFS has Go's.
    expect(m.get('process_resident_memory_bytes')).toBeGreaterThan(0)
  })

  it('keeps counting objects after their import records expire', async () => {
    const h = setup({
      import: { objectsPerSecond: 0, statusIntervalMs: 0 },
      store: { generate: [{ prefix: 's3://b/d/', keys: ['f{01..12}'], size: 1 }] },
      repositories: [{ name: 'repo', storageNamespace: 's3://b/repos/repo' }],
    })
    await startImport(h, 'repo', 'main', importBody([{ path: 's3://b/d/', destination: 'd/' }], { message: 'm' }))
    await h.advance(10)
    await h.advance(25 * 3600 * 1000)
    const m = await scrape(h)
    expect(m.get('lakefs_emulator_imports{state="completed"}')).toBe(0)
    expect(m.get('lakefs_emulator_objects_ingested_total')).toBe(12)
  })
})
