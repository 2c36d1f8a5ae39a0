// The benchmark suite: `npm run bench` (builds first). Each section prints its figures beside its
// comparison; the whole run is written to bench/RESULTS.md with the machine and the command.
// Sections: ingestion (+floor), memory, status polling, start, peers (Prism), end to end, S3 reads,
// imports through the CLI, and (with --ten-million, about a minute more) ten million objects.
// `node bench/run.mjs --quick` skips the 1M sizes and the peer install; `--only <section>` (ingestion,
// memory, status, start, peers, e2e, s3, cli-import, ten-million) runs one section, and neither
// writes RESULTS.md.
import { execFileSync, spawn } from 'node:child_process'
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import { join } from 'node:path'
import autocannon from 'autocannon'
import { AUTH, fmt, freePort, get, median, post, ROOT, runJson, waitFor } from './lib.mjs'

/** The package's command, as npm links it. */
const BIN = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).bin['lakefs-emulator']
const quick = process.argv.includes('--quick')
const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined
const lines = []
const say = (line = '') => {
  console.log(line)
  lines.push(line)
}
const NODE = ['--expose-gc']

async function ingestion() {
  say('## 1. Ingestion, unpaced (in-process, fresh process per run)')
  say('')
  say('| objects | source | index (ms) | ingest (ms) | objects/s | floor (ms) | ingest / floor | retained B/object | peak RSS (MB) |')
  say('|---:|---|---:|---:|---:|---:|---:|---:|---:|')
  const sizes = quick ? [10_000, 100_000] : [10_000, 100_000, 1_000_000]
  const results = {}
  for (const source of ['generated', 'memfs']) {
    for (const n of sizes) {
      if (source === 'memfs' && n > 100_000) continue
      const r = await runJson([...NODE, 'bench/ingest-one.mjs', String(n), source])
      const floor = await runJson(['bench/floor.mjs', String(n)])
      results[`${source}:${n}`] = r
      say(`| ${fmt(n)} | ${source} | ${fmt(r.indexMs)} | ${fmt(r.ingestMs)} | ${fmt(r.objectsPerSecond)} | ${fmt(floor.floorMs)} | ${fmt(r.ingestMs / floor.floorMs, 2)}× | ${fmt(r.retainedBytesPerObject)} | ${fmt(r.peakRssMB)} |`)
    }
  }
  const small = results['generated:10000']
  const large = results[`generated:${sizes.at(-1)}`]
  const growth = large.ingestMs / large.n / (small.ingestMs / small.n)
  say('')
  say(`Time per object at ${fmt(large.n)} vs 10,000 (generated): ${fmt(growth, 2)}× (target ≤ 1.3×).`)
  say("Index: the store's one-time work before the first listing, not part of the import time: sorting put objects, or expanding and sorting a generated set. The generated sets here expand in byte order already, so their keys are computed during the import (inside its time) and the index is 0.")
  say('')
}

async function memory() {
  say('## 2. Memory: the big-import scenario as a whole (1M objects, run unpaced)')
  say('')
  const r = await runJson([...NODE, '-e', `
    const { createApp } = await import('./dist/index.js')
    const { loadScenarioFile } = await import('./dist/scenarios/load-scenario.js')
    const t = performance.now()
    const app = createApp({ scenarios: [loadScenarioFile('scenarios/big-import.json'), { import: { objectsPerSecond: 0, statusIntervalMs: 0 } }], clockMode: 'manual' })
    const AUTH = ${JSON.stringify(AUTH)}
    const res = await app.request('/api/v1/repositories/my-repo/branches/main/import', { method: 'POST', headers: { Authorization: AUTH, 'Content-Type': 'application/json' }, body: JSON.stringify({ paths: [{ type: 'common_prefix', path: 's3://my-bucket/raw/2024-01-15/', destination: 'raw/2024-01-15/' }], commit: { message: 'x' } }) })
    const { id } = await res.json()
    await app.emulator.settle()
    const s = await (await app.request('/api/v1/repositories/my-repo/branches/main/import?id=' + id, { headers: { Authorization: AUTH } })).json()
    global.gc()
    console.log(JSON.stringify({ completed: s.completed, objects: s.ingested_objects, ms: performance.now() - t, peakRssMB: process.resourceUsage().maxRSS / 1024, heapMB: process.memoryUsage().heapUsed / 1e6 }))
  `], { })
  say(`big-import: ${fmt(r.objects)} objects loaded, indexed and imported in ${fmt(r.ms)} ms; peak RSS ${fmt(r.peakRssMB)} MB (target < 1,024 MB); heap after GC ${fmt(r.heapMB)} MB.`)
  say('')
}

/** A process's CPU time so far (user + system), in ms, from /proc (Linux). */
function cpuMs(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100
}

/** autocannon on `url`; with `pid`, also the server's CPU time per answered request (µs). */
async function cannon(url, seconds = 5, pid) {
  const cpu0 = pid && cpuMs(pid)
  const r = await autocannon({ url, connections: 50, duration: seconds, headers: { Authorization: AUTH } })
  const cpuPerRequest = pid ? ((cpuMs(pid) - cpu0) * 1000) / r.requests.total : undefined
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors + r.non2xx, cpuPerRequest }
}

function startNode(args, port) {
  const p = spawn(process.execPath, args, { cwd: ROOT, stdio: ['pipe', 'pipe', 'inherit'] })
  const messages = []
  let waiting
  let buf = ''
  p.stdout.on('data', (d) => {
    buf += d
    let i
    while ((i = buf.indexOf('\n')) >= 0) {
      const line = buf.slice(0, i)
      buf = buf.slice(i + 1)
      try {
        messages.push(JSON.parse(line))
      } catch {}
      waiting?.()
    }
  })
  const next = async () => {
    while (!messages.length) await new Promise((r) => (waiting = r))
    return messages.shift()
  }
  return { p, next, port }
}

async function statusPolling() {
  say('## 3. Status polling: importStatus over HTTP, autocannon, 50 connections')
  say('')
  const port = freePort()
  const server = startNode(['bench/status-server.mjs', String(port), '10', quick ? '20000' : '100000'], port)
  const { idleId } = await server.next()
  const url = (branch, id) => `http://127.0.0.1:${port}/api/v1/repositories/bench/branches/${branch}/import?id=${id}`
  // A second of warm-up first, as load tools advise: the figure is the steady state, not the JIT's.
  await cannon(url('main', idleId), 1)
  const idle = await cannon(url('main', idleId), 5, server.p.pid)
  const floorPort = freePort()
  const floorServer = startNode(['bench/hono-floor.mjs', String(floorPort)], floorPort)
  await floorServer.next()
  const floorUrl = `http://127.0.0.1:${floorPort}/api/v1/repositories/bench/branches/main/import?id=x`
  await cannon(floorUrl, 1)
  const floor = await cannon(floorUrl, 5, floorServer.p.pid)
  floorServer.p.kill()
  say(`Idle: ${fmt(idle.rps)} req/s, p50 ${idle.p50} ms, p99 ${idle.p99} ms, errors ${idle.errors} (target ≥ 35,000 req/s, p99 ≤ 5 ms).`)
  say(`Bare Hono answering the same route with a constant body of the same size: ${fmt(floor.rps)} req/s, p50 ${floor.p50} ms, p99 ${floor.p99} ms (the emulator: ${fmt(idle.rps / floor.rps * 100)}% of it, target ≥ 100%).`)
  // On two cores the load generator shares the machine, and both servers can be waiting on it: the
  // server's own CPU time per answer says which does less work.
  say(`Server CPU per answered poll (user + system, /proc): the emulator ${fmt(idle.cpuPerRequest, 1)} µs, bare Hono ${fmt(floor.cpuPerRequest, 1)} µs (the emulator: ${fmt(floor.cpuPerRequest / idle.cpuPerRequest, 2)}× as efficient).`)
  server.p.kill()
  // Event-loop delay under load is a tail figure, set by garbage collection: three runs, each on a
  // fresh server, each polled only while its imports run.
  const each = quick ? 20_000 : 100_000
  const runs = []
  for (let r = 0; r < (quick ? 1 : 3); r++) runs.push(await loadedRun(each))
  for (const [i, { done, busy }] of runs.entries()) {
    say(`While 10 imports of ${fmt(each)} objects run unpaced, run ${i + 1} (all done in ${fmt(done.ms)} ms): ${fmt(busy.rps)} req/s, p50 ${busy.p50} ms, p99 ${busy.p99} ms; event-loop delay max ${fmt(done.maxDelayMs, 1)} ms, p99 ${fmt(done.p99DelayMs, 1)} ms.`)
  }
  const worst = (f) => Math.max(...runs.map(f))
  say(`Worst of the runs: status p99 ${worst((r) => r.busy.p99)} ms (target ≤ 25 ms); event-loop delay max ${fmt(worst((r) => r.done.maxDelayMs), 1)} ms (target ≤ 30 ms), p99 ${fmt(worst((r) => r.done.p99DelayMs), 1)} ms.`)
  say('')
}

/** 10 unpaced imports on a fresh status server, polled by autocannon for the first 3 s of them. */
async function loadedRun(each) {
  const port = freePort()
  const server = startNode(['bench/status-server.mjs', String(port), '10', String(each)], port)
  await server.next()
  server.p.stdin.write('start\n')
  const { running, branch } = await server.next()
  const loaded = cannon(`http://127.0.0.1:${port}/api/v1/repositories/bench/branches/${branch}/import?id=${running}`, quick ? 1 : 3)
  const done = await server.next()
  const busy = await loaded
  server.p.kill()
  return { done, busy }
}

/** GetObject of 1 KiB and 8 MiB, through each S3 front door (pre-signed, so every request is verified) and from bare node:http. */
async function s3Reads() {
  say('## 7. S3 GetObject: the fake store and the gateway beside bare node:http sending the same bytes, autocannon')
  say('')
  const [port, s3Port, floorPort] = [freePort(), freePort(), freePort()]
  const server = startNode(['bench/s3-server.mjs', String(port), String(s3Port)], port)
  const urls = await server.next()
  const floor = startNode(['bench/http-floor.mjs', String(floorPort)], floorPort)
  await floor.next()
  const run = async (url, size) => {
    const connections = size === 'small' ? 50 : 10
    await autocannon({ url, connections, duration: 1 })
    const r = await autocannon({ url, connections, duration: quick ? 2 : 5 })
    return { rps: r.requests.average, mbps: r.throughput.average / 2 ** 20, p99: r.latency.p99, errors: r.errors + r.non2xx }
  }
  for (const size of ['small', 'big']) {
    const bare = await run(`http://127.0.0.1:${floorPort}/${size}`, size)
    const label = size === 'small' ? '1 KiB, 50 connections' : '8 MiB, 10 connections'
    say(`${label}: bare node:http ${fmt(bare.rps)} req/s (${fmt(bare.mbps)} MiB/s, p99 ${bare.p99} ms).`)
    for (const door of ['store', 'gateway']) {
      const r = await run(urls[door][size], size)
      say(`  ${door === 'store' ? 'fake store endpoint' : "lakeFS's S3 gateway"}: ${fmt(r.rps)} req/s (${fmt(r.mbps)} MiB/s, p99 ${r.p99} ms, errors ${r.errors}): ${fmt(r.rps / bare.rps, 2)}x the floor (target ≥ 0.5x).`)
    }
  }
  floor.p.kill()
  server.p.kill('SIGTERM')
  await new Promise((r) => server.p.on('exit', r))
  say('')
}

async function spawnToStatus(args, port, path, status, { env, headers } = {}) {
  const t0 = performance.now()
  const p = spawn(process.execPath, args, { cwd: ROOT, stdio: 'ignore', env: env && { ...process.env, ...env } })
  try {
    return await waitFor(port, path, status, t0, 60_000, headers)
  } finally {
    p.kill()
    await new Promise((r) => p.on('exit', r))
  }
}

/** What a start of the CLI says became of its compile cache (its debug log). */
async function compileCacheState() {
  const p = spawn(process.execPath, [BIN, '--port', '0', '--s3-port', '0', '--gcs-port', '0', '--azure-port', '0', '--log-level', 'debug'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] })
  const exited = new Promise((r) => p.on('exit', r))
  let log = ''
  const state = await new Promise((resolve) => {
    p.stderr.on('data', (d) => {
      const m = /compile cache: (.+)\n/.exec((log += d))
      if (m) resolve(m[1])
    })
    exited.then(() => resolve('(exited first)'))
  })
  p.kill()
  await exited
  return state
}

async function coldStart() {
  const runs = quick ? 5 : 21
  say(`## 4. Start: spawn to first answer, median of ${runs}, each beside its floor in the same loop`)
  say('')
  // The bin, as `npx lakefs-emulator` runs it.
  const cli = (port) => [BIN, '--port', String(port), '--s3-port', '0', '--gcs-port', '0', '--azure-port', '0', '--log-level', 'error']
  const bareHttp = (port) => ['-e', `require('http').createServer((q,s)=>{s.statusCode=204;s.end()}).listen(${port},'127.0.0.1')`]
  const repositories = ['/api/v1/repositories', 200]
  const authorized = { headers: { Authorization: AUTH } }
  const noCache = { ...authorized, env: { LAKEFS_EMULATOR_COMPILE_CACHE: '0' } }
  // One start first, as a user's first run: it writes the bundle's compile cache the others use.
  const warm = freePort()
  await spawnToStatus(cli(warm), warm, ...repositories, authorized)
  const cache = await compileCacheState()
  if (cache !== 'used') throw new Error(`the compile cache was not written by a first start (the next says "${cache}")`)
  const t = { empty: [], bare: [], health: [], hono: [], first: [], cold: [] }
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now()
    await new Promise((r) => spawn(process.execPath, ['-e', ''], { stdio: 'ignore' }).on('exit', r))
    t.empty.push(performance.now() - t0)
    let port = freePort()
    t.bare.push(await spawnToStatus(bareHttp(port), port, '/api/v1/healthcheck', 204))
    port = freePort()
    t.health.push(await spawnToStatus(cli(port), port, '/api/v1/healthcheck', 204))
    port = freePort()
    t.hono.push(await spawnToStatus(['bench/hono-first-answer.mjs', '--port', String(port)], port, ...repositories))
    port = freePort()
    t.first.push(await spawnToStatus(cli(port), port, ...repositories, authorized))
    port = freePort()
    t.cold.push(await spawnToStatus(cli(port), port, ...repositories, noCache))
  }
  const m = Object.fromEntries(Object.entries(t).map(([k, v]) => [k, median(v)]))
  say(`node -e "": ${fmt(m.empty)} ms.`)
  say(`To /api/v1/healthcheck 204: bare node:http ${fmt(m.bare)} ms (the floor); lakefs-emulator CLI ${fmt(m.health)} ms = ${fmt(m.health / m.bare, 2)}× the floor (target ≤ 1.3×).`)
  say(`To the first authenticated lakeFS answer (GET /api/v1/repositories, 200): a bare Hono app on @hono/node-server ${fmt(m.hono)} ms (the floor); lakefs-emulator CLI ${fmt(m.first)} ms = ${fmt(m.first / m.hono, 2)}× the floor (target ≤ 1.25×).`)
  say(`The same without the compile cache (LAKEFS_EMULATOR_COMPILE_CACHE=0, as a first run after an upgrade): ${fmt(m.cold)} ms = ${fmt(m.cold / m.hono, 2)}× the floor.`)
  const rss = await idleRss(cli, repositories, authorized)
  say(`Idle memory: resident set ${fmt(rss.mb, 1)} MB ${fmt(rss.settleMs / 1000)} s after the first authenticated answer, with all ${rss.operations} lakeFS operations registered (target < 100 MB).`)
  say('')
  return m.health
}

/** The CLI's resident set (/proc/<pid>/status VmRSS) once it has answered and sat idle. */
async function idleRss(cli, [path, status], { headers }) {
  const port = freePort()
  const settleMs = 2000
  const p = spawn(process.execPath, cli(port), { cwd: ROOT, stdio: 'ignore' })
  try {
    await waitFor(port, path, status, performance.now(), 60_000, headers)
    await new Promise((r) => setTimeout(r, settleMs))
    const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${p.pid}/status`, 'utf8'))[1])
    // Counted after the reading: the document is built on first request.
    const doc = await (await fetch(`http://127.0.0.1:${port}/openapi.json`)).json()
    const operations = Object.values(doc.paths).reduce((n, item) => n + Object.keys(item).length, 0)
    return { mb: kb / 1024, settleMs, operations }
  } finally {
    p.kill()
    await new Promise((r) => p.on('exit', r))
  }
}

async function peers() {
  say('## 5. Peers on this machine: Stoplight Prism mock of lakeFS\'s swagger.yml')
  say('')
  const spec = process.env.LAKEFS_SWAGGER ?? join(ROOT, '..', 'shared', 'lakefs', 'swagger.yml')
  if (quick || !existsSync(spec)) {
    say(quick ? 'Skipped (--quick).' : `Skipped: no spec at ${spec}.`)
    say('')
    return
  }
  const install = spawn('npx', ['-y', '@stoplight/prism-cli@5', '--version'], { stdio: 'ignore' })
  const installed = await new Promise((r) => install.on('exit', (code) => r(code === 0)))
  if (!installed) {
    say('Skipped: @stoplight/prism-cli could not be installed from the npm registry.')
    say('')
    return
  }
  const port = freePort()
  const t0 = performance.now()
  const p = spawn('npx', ['-y', '@stoplight/prism-cli@5', 'mock', spec, '-p', String(port), '-h', '127.0.0.1'], { stdio: 'ignore', detached: true })
  try {
    const start = await waitFor(port, '/api/v1/healthcheck', 'any', t0, 60_000)
    const health = await get(port, '/api/v1/healthcheck')
    const r = await cannon(`http://127.0.0.1:${port}/api/v1/repositories/r/branches/main/import?id=x`)
    say(`Prism: start-up to first answer ${fmt(start)} ms (npx, already installed; healthcheck answered ${health.status}); importStatus-like GET ${fmt(r.rps)} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms.`)
  } finally {
    process.kill(-p.pid)
  }
  say('lakeFS itself cannot run here; its published figures: import "a few thousand objects per second", about 10 s for the quickstart container to become healthy.')
  say('')
}

async function endToEnd() {
  say('## 6. End to end: launch, load esti-like (29,400 objects), one unpaced import, exit')
  say('')
  const unpaced = join(os.tmpdir(), `lakefs-emulator-unpaced-${process.pid}.json`)
  writeFileSync(unpaced, JSON.stringify({ import: { objectsPerSecond: 0, statusIntervalMs: 0 } }))
  const times = []
  for (let i = 0; i < (quick ? 1 : 5); i++) {
    const port = freePort()
    const t0 = performance.now()
    const p = spawn(process.execPath, ['dist/cli.js', '--port', String(port), '--s3-port', '0', '--gcs-port', '0', '--azure-port', '0', '--log-level', 'error', '--scenario', 'scenarios/esti-like.json', '--scenario', unpaced], { cwd: ROOT, stdio: 'ignore' })
    const exited = new Promise((r) => p.on('exit', r))
    try {
      await waitFor(port, '/api/v1/healthcheck', 204, t0)
      const started = await post(port, '/api/v1/repositories/esti-import/branches/main/import', { paths: [{ type: 'common_prefix', path: 's3://esti-system-testing-data/import-test-data/', destination: 'imported/' }], commit: { message: 'e2e' } })
      const { id } = JSON.parse(started.body)
      for (;;) {
        const s = JSON.parse((await get(port, `/api/v1/repositories/esti-import/branches/main/import?id=${id}`, { Authorization: AUTH })).body)
        if (s.completed) {
          if (s.ingested_objects !== 29_400) throw new Error(JSON.stringify(s))
          break
        }
        await new Promise((r) => setTimeout(r, 5))
      }
    } finally {
      p.kill('SIGTERM')
      await exited
    }
    times.push(performance.now() - t0)
  }
  say(`Launch to exit: median ${fmt(median(times))} ms over ${times.length} runs (target ≤ 1,000 ms).`)
  say('')
}

async function cliImports() {
  const side = quick ? 300 : 1000
  const n = side * side
  const width = String(side).length
  const one = '1'.padStart(width, '0')
  say(`## 8. Imports through the CLI, unpaced, importStart to status completed over HTTP`)
  say('')
  const { expandAll } = await import('../dist/scenarios/brace-expansion.js')
  const cases = [
    { keys: `p{${one}..${side}}/f{${one}..${side}}`, what: `${fmt(n)} generated objects, keys in byte order as written` },
    { keys: `p{1..${side}}/f{${one}..${side}}`, what: `${fmt(n)} generated objects, keys not in byte order as written` },
    { keys: `p{1..${side / 10}}/f{${one}..${side}}`, what: `${fmt(n / 10)} objects put in the fake store (memfs) by the scenario`, put: true },
  ]
  for (const { keys, what, put } of cases) {
    const prefix = 's3://bench/drop/'
    const store = put
      ? { objects: expandAll(keys, prefix).map((uri) => ({ uri, content: 'x'.repeat(256) })) }
      : { generate: [{ prefix, keys: [keys], size: 1024 }] }
    // Each the median of three, the import and its floor taken in turn: a 100k import lasts half a second.
    const times = { ms: [], floorMs: [] }
    for (let i = 0; i < 3; i++) {
      times.ms.push((await importThroughCli({ import: { objectsPerSecond: 0, statusIntervalMs: 0 }, store, repositories: [{ name: 'bench', storageNamespace: 's3://bench/repos/bench' }] }, prefix, expandAll(keys).length)).ms)
      times.floorMs.push(JSON.parse(execFileSync(process.execPath, ['bench/cli-floor.mjs', keys, prefix], { cwd: ROOT, encoding: 'utf8' })).floorMs)
    }
    const [ms, floorMs] = [median(times.ms), median(times.floorMs)]
    say(`${what}, \`${keys}\`: ${fmt(ms)} ms; floor (byte-order sort of the keys and one SHA-256 per entry, same run): ${fmt(floorMs)} ms; ${fmt(ms / floorMs, 1)}× the floor (target ≤ 3×); medians of 3.`)
  }
  say('')
}

/** Ten million generated objects through the CLI beside one million of the same shape (long: `--ten-million`, or `--only ten-million`). */
async function tenMillion() {
  say('## 9. Ten million objects through the CLI, beside one million of the same shape, unpaced')
  say('')
  const prefix = 's3://bench/drop/'
  const runs = []
  // 1M three times (the median is the baseline: one run of it moved by a third between runs), 10M once.
  for (const [keys, n, times] of [['p{0001..1000}/f{0001..1000}', 1_000_000, 3], ['p{0001..1000}/f{00001..10000}', 10_000_000, 1]]) {
    const scenario = { import: { objectsPerSecond: 0, statusIntervalMs: 0 }, store: { generate: [{ prefix, keys: [keys], size: 1024 }] }, repositories: [{ name: 'bench', storageNamespace: 's3://bench/repos/bench' }] }
    const tries = []
    for (let i = 0; i < times; i++) tries.push(await importThroughCli(scenario, prefix, n, ['--max-generated-objects', String(n)]))
    const r = tries.sort((a, b) => a.ms - b.ms)[tries.length >> 1]
    runs.push(r)
    const which = times > 1 ? `, the median of ${times} runs (${tries.map((t) => fmt(t.ms)).join(', ')} ms)` : ''
    say(`${fmt(n)} objects (\`${keys}\`): ${fmt(r.ms)} ms${which} (${fmt((r.ms * 1000) / n, 2)} µs per object); peak RSS ${fmt(r.peakRssMB)} MB (target < 3,072 MB); ${fmt(r.polls)} status polls while it ran, p99 ${fmt(r.pollP99, 1)} ms (target ≤ 25 ms).`)
  }
  const ratio = runs[1].ms / 10 / runs[0].ms
  say(`Time per object at 10M over 1M: ${fmt(ratio, 2)}× (target ≤ 1.2×).`)
  say('')
}

/**
 * Runs the CLI on `scenario`, imports everything under `prefix` once loaded, polling status every
 * 2 ms, and resolves with importStart to completed (ms), the polls' latencies, and the emulator's peak RSS.
 */
async function importThroughCli(scenario, prefix, n, flags = []) {
  const file = join(os.tmpdir(), `lakefs-emulator-cli-import-${process.pid}.json`)
  writeFileSync(file, JSON.stringify(scenario))
  const port = freePort()
  const p = spawn(process.execPath, ['dist/cli.js', '--port', String(port), '--s3-port', '0', '--gcs-port', '0', '--azure-port', '0', '--log-level', 'error', '--scenario', file, ...flags], { cwd: ROOT, stdio: 'ignore' })
  const exited = new Promise((r) => p.on('exit', r))
  try {
    // Loaded (not just listening): the import's time starts with a ready emulator.
    await waitFor(port, '/api/v1/repositories', 200, performance.now(), 300_000, { Authorization: AUTH })
    const t0 = performance.now()
    const started = await post(port, '/api/v1/repositories/bench/branches/main/import', { paths: [{ type: 'common_prefix', path: prefix, destination: 'drop/' }], commit: { message: 'bench' } })
    const { id } = JSON.parse(started.body)
    const polls = []
    for (;;) {
      const asked = performance.now()
      const s = JSON.parse((await get(port, `/api/v1/repositories/bench/branches/main/import?id=${id}`, { Authorization: AUTH })).body)
      polls.push(performance.now() - asked)
      if (s.completed) {
        if (s.ingested_objects !== n) throw new Error(JSON.stringify(s))
        const ms = performance.now() - t0
        const peakRssMB = Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${p.pid}/status`, 'utf8'))?.[1]) / 1024
        polls.sort((a, b) => a - b)
        return { ms, polls: polls.length, pollP99: polls[Math.floor(polls.length * 0.99)], peakRssMB }
      }
      if (s.error) throw new Error(JSON.stringify(s))
      await new Promise((r) => setTimeout(r, 2))
    }
  } finally {
    // Stopped whatever happened, so a failed run leaves no server behind.
    p.kill('SIGTERM')
    await exited
    rmSync(file, { force: true })
  }
}

const started = new Date()
say('# Benchmark results')
say('')
say(`Machine: ${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, ${fmt(os.totalmem() / 2 ** 30, 1)} GiB, ${os.platform()} ${os.release()}; Node ${process.version}.`)
const flags = process.argv.slice(2).join(' ')
say(`Command: \`npm run bench${flags ? ` -- ${flags}` : ''}\`, run ${started.toISOString().slice(0, 10)}.`)
say('')
const sections = { ingestion, memory, status: statusPolling, start: coldStart, peers, e2e: endToEnd, s3: s3Reads, 'cli-import': cliImports, 'ten-million': tenMillion }
if (only !== undefined && !(only in sections)) throw new Error(`--only takes one of ${Object.keys(sections).join(', ')}`)
const tenMillionToo = process.argv.includes('--ten-million')
for (const [name, run] of Object.entries(sections)) if (only === name || (only === undefined && (name !== 'ten-million' || tenMillionToo))) await run()
if (!quick && only === undefined) writeFileSync(join(ROOT, 'bench', 'RESULTS.md'), `${lines.join('\n')}\n`)
