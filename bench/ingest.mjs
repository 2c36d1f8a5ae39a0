// Ingestion benchmark: unpaced imports of generated objects, timed end to end in-process.
// Run with `npm run bench` (builds first). Not part of `npm test`.
import { createApp, ManualClock } from '../dist/index.js'

const AUTH = `Basic ${Buffer.from('AKIAIOSFOLQUICKSTART:wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY').toString('base64')}`
const sizes = (process.argv[2] ?? '10000,100000').split(',').map(Number)

async function run(n) {
  const digits = String(n).length
  const scenario = {
    import: { objectsPerSecond: 0, statusIntervalMs: 0 },
    store: { generate: [{ prefix: 's3://bench/data/', keys: [`f{${'1'.padStart(digits, '0')}..${n}}`], size: 256 }] },
    repositories: [{ name: 'bench', storageNamespace: 's3://bench-ns/bench' }],
  }
  let t = performance.now()
  const app = createApp({ scenarios: [scenario], clock: new ManualClock(0) })
  const loadMs = performance.now() - t
  t = performance.now()
  const res = await app.request('/api/v1/repositories/bench/branches/main/import', {
    method: 'POST',
    headers: { Authorization: AUTH, 'Content-Type': 'application/json' },
    body: JSON.stringify({ paths: [{ type: 'common_prefix', path: 's3://bench/data/', destination: 'd/' }], commit: { message: '' } }),
  })
  const { id } = await res.json()
  await app.emulator.settle()
  const ingestMs = performance.now() - t
  const status = await (await app.request(`/api/v1/repositories/bench/branches/main/import?id=${id}`, { headers: { Authorization: AUTH } })).json()
  if (!status.completed || status.ingested_objects !== n) throw new Error(`import did not complete: ${JSON.stringify(status)}`)
  app.emulator.close()
  console.log(
    `${String(n).padStart(8)} objects: scenario load ${loadMs.toFixed(0).padStart(5)} ms, import ${ingestMs.toFixed(0).padStart(6)} ms, ` +
      `${Math.round(n / (ingestMs / 1000)).toLocaleString('en-US').padStart(9)} objects/s (includes MD5 of generated bodies)`
  )
}

console.log(`node ${process.version}, ${(await import('node:os')).cpus().length} cores`)
for (const n of sizes) await run(n)
