// One unpaced import in a fresh process: node bench/ingest-one.mjs <objects> <generated|memfs>
// Prints JSON: index/ingest times, retained heap per imported object, peak RSS, range IDs.
import { createApp, ManualClock } from '../dist/index.js'
import { AUTH } from './lib.mjs'

const n = Number(process.argv[2])
const source = process.argv[3] ?? 'generated'
const shards = n >= 1000 ? 100 : 1
const perShard = n / shards
const pattern = `shard={00..${String(shards - 1).padStart(2, '0')}}/part-{${'1'.padStart(String(perShard).length, '0')}..${perShard}}.json`
const prefix = 's3://bench/events/'
const scenario = {
  import: { objectsPerSecond: 0, statusIntervalMs: 0 },
  repositories: [{ name: 'bench', storageNamespace: 's3://bench-ns/bench' }],
  store: source === 'generated' ? { generate: [{ prefix, keys: [pattern], size: { min: 200, max: 4000 }, lastModified: '2024-01-15T06:00:00Z' }] } : {},
}
const app = createApp({ scenarios: [scenario], clock: new ManualClock(Date.parse('2024-01-15T10:00:00Z')), runner: { offload: process.env.OFFLOAD !== '0' } })
const store = app.emulator.world.store
let t = performance.now()
if (source === 'memfs') {
  // Explicit objects put into memfs one by one, as a scenario's `store.objects` would be.
  const { expandAll } = await import('../dist/scenarios/brace-expansion.js')
  const body = Buffer.alloc(256, 'x')
  for (const uri of expandAll(pattern, prefix)) store.put(uri, body, Date.parse('2024-01-15T06:00:00Z'))
}
for (const _ of store.prepare(prefix));
const indexMs = performance.now() - t
store.list(prefix, { limit: 1 })
global.gc()
const before = process.memoryUsage()

t = performance.now()
const res = await app.request('/api/v1/repositories/bench/branches/main/import', {
  method: 'POST',
  headers: { Authorization: AUTH, 'Content-Type': 'application/json' },
  body: JSON.stringify({ paths: [{ type: 'common_prefix', path: prefix, destination: 'events/' }], commit: { message: 'bench' } }),
})
const { id } = await res.json()
await app.emulator.settle()
const ingestMs = performance.now() - t
const status = await (await app.request(`/api/v1/repositories/bench/branches/main/import?id=${id}`, { headers: { Authorization: AUTH } })).json()
if (!status.completed || status.ingested_objects !== n) throw new Error(`import did not complete: ${JSON.stringify(status)}`)
// Twice, a turn apart: array buffers of the last garbage are released after the first collection.
global.gc()
await new Promise((r) => setImmediate(r))
global.gc()
const after = process.memoryUsage()
const mr = app.emulator.world.ranges.metaRange(status.metarange_id)
console.log(
  JSON.stringify({
    n,
    source,
    indexMs,
    ingestMs,
    objectsPerSecond: n / (ingestMs / 1000),
    retainedBytesPerObject: (after.heapUsed + after.external - before.heapUsed - before.external) / n,
    peakRssMB: process.resourceUsage().maxRSS / 1024,
    metaRangeId: status.metarange_id,
    ranges: mr.ranges.length,
  })
)
app.emulator.close()
