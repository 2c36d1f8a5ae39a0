// A server for the status benchmark: node bench/status-server.mjs <port> <imports> <objectsEach>
// Serves the emulator over HTTP; on "start\n" on stdin it starts the imports (unpaced) and
// prints JSON (event-loop delay during ingestion, time to finish) once all have completed.
// OFFLOAD=0 hashes entry identities on the main thread (to compare).
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { createServer } from 'node:http'
import { createApp } from '../dist/index.js'
import { AUTH } from './lib.mjs'

const [port, imports, each] = process.argv.slice(2).map(Number)
const shards = `{${'0'.padStart(String(imports - 1).length, '0')}..${imports - 1}}`
const app = createApp({
  runner: { offload: process.env.OFFLOAD !== '0' },
  scenarios: [
    {
      import: { objectsPerSecond: 0, statusIntervalMs: 0 },
      repositories: [{ name: 'bench', storageNamespace: 's3://bench-ns/bench', branches: Array.from({ length: imports }, (_, i) => ({ name: `b${i}` })) }],
      store: { generate: [{ prefix: 's3://bench/', keys: [`s${shards}/part-{${'1'.padStart(String(each).length, '0')}..${each}}.json`], size: 1024 }] },
    },
  ],
})
const call = async (method, path, body) =>
  (await app.request(`/api/v1${path}`, { method, headers: { Authorization: AUTH, 'Content-Type': 'application/json' }, body: body && JSON.stringify(body) })).json()
// An import that is over, for the idle measurement.
const idle = await call('POST', '/repositories/bench/branches/main/import', { paths: [{ type: 'object', path: 's3://bench/s0/part-1.json'.replace('part-1', `part-${'1'.padStart(String(each).length, '0')}`), destination: 'one' }], commit: { message: 'idle' } })
await app.emulator.settle()
// The lakeFS port's listener as the CLI and createEmulator().listen() have it (the poll lane first).
createServer(app.listener()).listen(port, '127.0.0.1', () => process.stdout.write(`${JSON.stringify({ ready: true, idleId: idle.id })}\n`))

process.stdin.on('data', async () => {
  const h = monitorEventLoopDelay({ resolution: 1 })
  const t = performance.now()
  const ids = []
  for (let i = 0; i < imports; i++) {
    const shard = String(i).padStart(String(imports - 1).length, '0')
    ids.push((await call('POST', `/repositories/bench/branches/b${i}/import`, { paths: [{ type: 'common_prefix', path: `s3://bench/s${shard}/`, destination: 'data/' }], commit: { message: 'load' } })).id)
  }
  process.stdout.write(`${JSON.stringify({ running: ids[0], branch: 'b0' })}\n`)
  h.enable()
  for (;;) {
    const statuses = await Promise.all(ids.map((id, i) => call('GET', `/repositories/bench/branches/b${i}/import?id=${id}`)))
    if (statuses.every((s) => s.completed)) break
    if (statuses.some((s) => s.error)) throw new Error(JSON.stringify(statuses))
    await new Promise((r) => setTimeout(r, 20))
  }
  h.disable()
  process.stdout.write(`${JSON.stringify({ done: true, ms: performance.now() - t, maxDelayMs: h.max / 1e6, p99DelayMs: h.percentile(99) / 1e6 })}\n`)
})
