// The load run: `npm run load` (builds first). Against the built CLI on 127.0.0.1 only:
// 50 autocannon connections poll importStatus of 10 unpaced imports of 100,000 objects each, while
// 5 more upload objects to other branches and commits land on them. It reports requests/s,
// p50/p99 and errors (there must be none: no fault rules are loaded), then checks that every import
// committed exactly its objects, and writes bench/LOAD.md.
// `node bench/load.mjs --quick` runs 10 imports of 10,000 objects.
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import { join } from 'node:path'
import autocannon from 'autocannon'
import { AUTH, fmt, freePort, ROOT, runJson, waitFor } from './lib.mjs'

const signed = (ratio) => `${ratio >= 0 ? '+' : ''}${(ratio * 100).toFixed(1)}%`

const quick = process.argv.includes('--quick')
const IMPORTS = 10
const EACH = quick ? 10_000 : 100_000
const WORK_BRANCHES = 5
const width = String(EACH).length

const dir = mkdtempSync(join(os.tmpdir(), 'lakefs-emulator-load-'))
const scenarioFile = join(dir, 'load.json')
writeFileSync(
  scenarioFile,
  JSON.stringify({
    name: 'load',
    description: 'npm run load: 10 unpaced imports beside uploads and commits',
    import: { objectsPerSecond: 0, statusIntervalMs: 100 },
    store: { generate: [{ prefix: 's3://load/', keys: [`s{0..${IMPORTS - 1}}/part-{${'1'.padStart(width, '0')}..${EACH}}.json`], size: 256 }] },
    repositories: [
      {
        name: 'load',
        storageNamespace: 's3://load-ns/load',
        branches: [...Array.from({ length: IMPORTS }, (_, i) => ({ name: `import-${i}` })), ...Array.from({ length: WORK_BRANCHES }, (_, i) => ({ name: `work-${i}` }))],
      },
    ],
  })
)

const port = freePort()
const base = `http://127.0.0.1:${port}/api/v1`
const server = spawn(process.execPath, ['dist/cli.js', '--port', String(port), '--s3-port', '0', '--gcs-port', '0', '--azure-port', '0', '--scenario', scenarioFile], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] })
let serverLog = ''
server.stderr.on('data', (d) => (serverLog += d))
const api = async (method, path, body, headers = {}) => {
  const res = await fetch(`${base}${path}`, { method, headers: { Authorization: AUTH, ...(body !== undefined && typeof body !== 'string' && { 'Content-Type': 'application/json' }), ...headers }, body: typeof body === 'object' ? JSON.stringify(body) : body })
  const text = await res.text()
  return { status: res.status, body: text && res.headers.get('content-type')?.startsWith('application/json') ? JSON.parse(text) : text }
}

try {
  await waitFor(port, '/api/v1/healthcheck', 204, performance.now())
  // The first lakeFS call waits for the app to load; the imports start together after it.
  await api('GET', '/repositories/load')
  const t0 = performance.now()
  const ids = []
  for (let i = 0; i < IMPORTS; i++) {
    const res = await api('POST', `/repositories/load/branches/import-${i}/import`, {
      paths: [{ type: 'common_prefix', path: `s3://load/s${i}/`, destination: 'data/' }],
      commit: { message: `load ${i}` },
    })
    if (res.status !== 202) throw new Error(`importStart ${i}: ${res.status} ${JSON.stringify(res.body)}`)
    ids.push(res.body.id)
  }
  const polls = autocannon({
    url: base,
    connections: 50,
    duration: 600,
    headers: { Authorization: AUTH },
    requests: ids.map((id, i) => ({ method: 'GET', path: `/api/v1/repositories/load/branches/import-${i}/import?id=${id}` })),
  })
  let uploadSeq = 0
  const uploads = autocannon({
    url: base,
    connections: 5,
    duration: 600,
    headers: { Authorization: AUTH, 'Content-Type': 'application/octet-stream' },
    requests: [{ method: 'POST', setupRequest: (req) => ({ ...req, path: `/api/v1/repositories/load/branches/work-${uploadSeq % WORK_BRANCHES}/objects?path=up/${uploadSeq++}.bin`, body: 'x'.repeat(512) }) }],
  })
  // Commits on the work branches every 100 ms while the imports run.
  let commits = 0
  let commitErrors = 0
  let running = true
  const committer = (async () => {
    for (let i = 0; running; i++) {
      const res = await api('POST', `/repositories/load/branches/work-${i % WORK_BRANCHES}/commits`, { message: `work ${i}` })
      if (res.status === 201) commits++
      else if (!(res.status === 400 && /no changes/i.test(res.body.message ?? ''))) commitErrors++
      await new Promise((r) => setTimeout(r, 100))
    }
  })()
  const statuses = []
  for (;;) {
    const all = await Promise.all(ids.map((id, i) => api('GET', `/repositories/load/branches/import-${i}/import?id=${id}`)))
    if (all.some((s) => s.body.error)) throw new Error(`an import failed: ${JSON.stringify(all.map((s) => s.body.error))}`)
    if (all.every((s) => s.body.completed)) {
      statuses.push(...all.map((s) => s.body))
      break
    }
    await new Promise((r) => setTimeout(r, 50))
  }
  const importsMs = performance.now() - t0
  running = false
  polls.stop()
  uploads.stop()
  const [p, u] = [await polls, await uploads]
  await committer

  // Every import: completed, its object count, its commit the head of its branch, and a listing of exactly that many keys.
  const checks = []
  for (let i = 0; i < IMPORTS; i++) {
    const s = statuses[i]
    const head = (await api('GET', `/repositories/load/branches/import-${i}`)).body.commit_id
    let listed = 0
    let after = ''
    for (;;) {
      const page = (await api('GET', `/repositories/load/refs/import-${i}/objects/ls?amount=1000&after=${encodeURIComponent(after)}`)).body
      listed += page.results.length
      if (!page.pagination.has_more) break
      after = page.pagination.next_offset
    }
    checks.push({ branch: `import-${i}`, ingested: s.ingested_objects, committed: s.commit.id === head, listed })
  }
  const allRight = checks.every((c) => c.ingested === EACH && c.committed && c.listed === EACH)

  const lines = [
    '# Load run',
    '',
    `Machine: ${os.cpus().length} × ${os.cpus()[0]?.model.trim()}; Node ${process.version}. Command: \`npm run load\`${quick ? ' (with --quick)' : ''}, run ${new Date().toISOString().slice(0, 10)}.`,
    '',
    `${IMPORTS} unpaced imports of ${fmt(EACH)} objects each, against the built CLI on 127.0.0.1, all committed in ${fmt(importsMs)} ms, while:`,
    '',
    '| load | requests | requests/s | p50 (ms) | p99 (ms) | errors | non-2xx |',
    '|---|---:|---:|---:|---:|---:|---:|',
    `| importStatus polls (autocannon, 50 connections) | ${fmt(p.requests.total)} | ${fmt(p.requests.average)} | ${p.latency.p50} | ${p.latency.p99} | ${p.errors} | ${p.non2xx} |`,
    `| uploads to 5 other branches (autocannon, 5 connections) | ${fmt(u.requests.total)} | ${fmt(u.requests.average)} | ${u.latency.p50} | ${u.latency.p99} | ${u.errors} | ${u.non2xx} |`,
    `| commits on those branches (every 100 ms) | ${fmt(commits)} | | | | ${commitErrors} | |`,
    '',
    `Every import completed with ${fmt(EACH)} objects, its commit at the head of its branch, and ${fmt(EACH)} keys listed: ${allRight ? 'yes' : 'NO'}.`,
  ]
  // A long suite of small imports: memory, handles and the journal before and after (a child with --expose-gc).
  const r = await runJson(['--expose-gc', 'bench/resources.mjs', String(quick ? 1000 : 10_000)])
  lines.push(
    '',
    `## ${fmt(r.imports)} small imports one after another (in-process, manual clock; \`node --expose-gc bench/resources.mjs\`)`,
    '',
    `- Finished imports kept: ${fmt(r.jobsDuring)} before their statuses expire, ${fmt(r.jobsAfterExpiry)} once the clock moves 25 h.`,
    `- Heap after GC: ${r.heapBeforeMB} MB at the baseline, ${r.heapDuringMB} MB with all ${fmt(r.imports)} records, ${r.heapAfterMB} MB after expiry (the repository keeps its ${fmt(r.commitsKept)} commits, as lakeFS does).`,
    `- RSS: ${r.rssBeforeMB} MB at the baseline (after a warm-up of 200 imports), ${r.rssAfterMB} MB after expiry and GC (${signed(r.rssGrowth)}), ${r.rssAfterIdleMB} MB after 5 s idle (${signed(r.rssGrowthAfterIdle)}); the heap's growth is the commits kept and the journal filling its ring.`,
    `- Active handles: ${r.handlesBefore} before, ${r.handlesAfter} after (no timers or sockets left behind). Journal: ${fmt(r.journalEntries)} entries kept of ${fmt(r.journalLimit)} allowed.`,
  )
  const resourcesRight = r.jobsAfterExpiry === 0 && r.handlesAfter <= r.handlesBefore && r.journalEntries <= r.journalLimit
  console.log(lines.join('\n'))
  if (!quick) writeFileSync(join(ROOT, 'bench', 'LOAD.md'), `${lines.join('\n')}\n`)
  const failed = !allRight || !resourcesRight || p.errors + p.non2xx + u.errors + u.non2xx + commitErrors > 0
  if (failed) {
    console.error(JSON.stringify(checks))
    process.exitCode = 1
  }
} catch (err) {
  console.error(err)
  console.error(serverLog)
  process.exitCode = 1
} finally {
  server.kill('SIGTERM')
  rmSync(dir, { recursive: true, force: true })
}
