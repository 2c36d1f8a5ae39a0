// Resource behaviour over a long suite: node --expose-gc bench/resources.mjs [imports]
// Runs 10,000 small imports one after another in-process on a manual clock, lets every status
// expire (the clock moves 25 h), and compares memory, active handles and the journal with the
// baseline taken after a warm-up of 200 imports (JIT code and first-use allocations are not leaks). Prints JSON; `npm run load` runs it and reports it in LOAD.md.
import { createApp, ManualClock } from '../dist/index.js'
import { AUTH } from './lib.mjs'

const N = Number(process.argv[2] ?? 10_000)
const clock = new ManualClock(Date.parse('2024-01-15T10:00:00Z'))
const app = createApp({
  clock,
  scenarios: [
    {
      import: { objectsPerSecond: 0, statusIntervalMs: 0 },
      store: { generate: [{ prefix: 's3://small/', keys: ['f{01..20}.json'], size: 64 }] },
      repositories: [{ name: 'repo', storageNamespace: 's3://small-ns/repo' }],
    },
  ],
})
const call = async (method, path, body) =>
  (await app.request(`/api/v1${path}`, { method, headers: { Authorization: AUTH, 'Content-Type': 'application/json' }, body: body && JSON.stringify(body) })).json()

async function importOnce(i) {
  const { id } = await call('POST', '/repositories/repo/branches/main/import', {
    paths: [{ type: 'common_prefix', path: 's3://small/', destination: 'data/' }],
    commit: { message: `small ${i}` },
  })
  clock.advance(1)
  await app.emulator.settle()
  // Hand back to the event loop between imports, as a server between requests does: a loop of
  // microtasks alone never ends V8's "job", which keeps every request's WeakRef targets alive.
  await new Promise((r) => setImmediate(r))
  const s = await call('GET', `/repositories/repo/branches/main/import?id=${id}`)
  if (!s.completed) throw new Error(`import ${i} did not complete: ${JSON.stringify(s)}`)
}

const settleGc = async () => {
  for (let i = 0; i < 3; i++) {
    global.gc()
    await new Promise((r) => setImmediate(r))
  }
}
const handles = () => process.getActiveResourcesInfo().filter((r) => r !== 'TTYWrap').length

for (let i = 0; i < 200; i++) await importOnce(i)
clock.advance(25 * 3600 * 1000)
app.emulator.imports.list()
await settleGc()
const before = { ...process.memoryUsage(), handles: handles(), jobs: app.emulator.imports.list().length }

for (let i = 0; i < N; i++) await importOnce(i)
const during = { ...process.memoryUsage(), jobs: app.emulator.imports.list().length }
clock.advance(25 * 3600 * 1000)
const jobsAfter = app.emulator.imports.list().length
await settleGc()
const after = { ...process.memoryUsage(), handles: handles() }
// V8 hands pages back to the OS only once allocation has been quiet for a while (its memory
// reducer), as a server idles between test files: measure again after a few idle seconds.
await new Promise((r) => setTimeout(r, 5000))
const idle = process.memoryUsage()
const commits = app.emulator.world.repository('repo').commits.size
const MB = (b) => Math.round((b / 2 ** 20) * 10) / 10
console.log(
  JSON.stringify({
    imports: N,
    rssBeforeMB: MB(before.rss),
    rssAfterMB: MB(after.rss),
    rssGrowth: after.rss / before.rss - 1,
    rssAfterIdleMB: MB(idle.rss),
    rssGrowthAfterIdle: idle.rss / before.rss - 1,
    heapBeforeMB: MB(before.heapUsed),
    heapDuringMB: MB(during.heapUsed),
    heapAfterMB: MB(after.heapUsed),
    jobsDuring: during.jobs,
    jobsAfterExpiry: jobsAfter,
    commitsKept: commits,
    handlesBefore: before.handles,
    handlesAfter: after.handles,
    journalEntries: app.journal.list().length,
    journalLimit: app.journal.limit,
  })
)
app.emulator.close()
