#!/usr/bin/env node
// Checks the npm package as a user gets it: packs the tarball, checks what is in it, installs it into a
// copy of examples/ (an empty project that depends on it), then from there runs `npx lakefs-emulator`
// (--help, --version, a health check), imports it as ESM and CommonJS, type-checks a consumer, and
// runs the examples: the GitHub Actions workflow's `node` job step by step (which starts the emulator
// in the background and runs the vitest suite and the curl script), and the pytest suite through the
// pytest plugin (python/). Exits non-zero on the first failure.
import { execFileSync, spawn, spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse } from 'yaml'
import { runAction } from '../scripts/github-action.mjs'

const root = fileURLToPath(new URL('..', import.meta.url))
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))
const work = mkdtempSync(join(tmpdir(), 'lakefs-emulator-package-'))
const consumer = join(work, 'project')
const results = []

function ok(what) {
  results.push(what)
  console.log(`ok  ${what}`)
}

function fail(what, detail = '') {
  console.error(`FAIL ${what}${detail ? `\n${detail}` : ''}`)
  process.exit(1)
}

/** Runs a command; its output is shown only when it fails. */
function run(cmd, args, options = {}) {
  const res = spawnSync(cmd, args, { cwd: consumer, encoding: 'utf8', env: { ...process.env, ...options.env }, input: options.input })
  if (res.status !== 0 && !options.allowFailure) fail(`${cmd} ${args.join(' ')} (exit ${res.status})`, `${res.stdout}${res.stderr}`)
  return res
}

// 1. Pack, and check the tarball holds what a user needs and nothing else.
const [packed] = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', work], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }))
const tarball = join(work, packed.filename)
const files = packed.files.map((f) => f.path)
const allowed = [/^package\.json$/, /^README\.md$/, /^LICENSE$/, /^scenarios\/[\w.-]+\.json$/, /^dist\/.+\.(js|d\.ts)$/, /^dist\/dashboard\/dashboard\.html$/, /^dist\/cli\/(main\.bundle|lakefs-emulator)\.cjs$/]
const stray = files.filter((f) => !allowed.some((re) => re.test(f)) || /\.test\./.test(f))
if (stray.length) fail('the package holds only built JS, declarations, scenarios, README and LICENSE', `unexpected: ${stray.join(', ')}`)
const shipped = readdirSync(join(root, 'scenarios')).map((f) => `scenarios/${f}`)
const required = ['dist/cli.js', 'dist/cli/lakefs-emulator.cjs', 'dist/cli/main.bundle.cjs', 'dist/index.js', 'dist/index.d.ts', 'dist/dashboard/dashboard.html', 'README.md', 'LICENSE', ...shipped]
const missing = required.filter((f) => !files.includes(f))
if (missing.length) fail('the package holds everything it needs', `missing: ${missing.join(', ')}`)
if (pkg.bin['lakefs-emulator'] !== 'dist/cli/lakefs-emulator.cjs') fail('bin runs the built CLI, dist/cli/lakefs-emulator.cjs', JSON.stringify(pkg.bin))
ok(`npm pack: ${files.length} files, ${(packed.size / 1024).toFixed(0)} kB packed (${(packed.unpackedSize / 1024).toFixed(0)} kB unpacked)`)

// 2. Install it into a copy of examples/, as a user's project would depend on it.
cpSync(join(root, 'examples'), consumer, { recursive: true, filter: (src) => !/node_modules|__pycache__/.test(src) })
const manifest = JSON.parse(readFileSync(join(consumer, 'package.json'), 'utf8'))
manifest.devDependencies['lakefs-emulator'] = `file:${tarball}`
writeFileSync(join(consumer, 'package.json'), JSON.stringify(manifest, null, 2))
run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline'])
const installed = join(consumer, 'node_modules', 'lakefs-emulator')
if (existsSync(join(installed, 'src')) || !existsSync(join(installed, 'dist', 'cli.js'))) fail('installed from the tarball')
ok('installed into an empty project with its production dependencies only')

// 3. The command, from the project, as npx finds it.
const help = run('npx', ['--no-install', 'lakefs-emulator', '--help']).stdout
if (!help.startsWith('Usage: lakefs-emulator')) fail('npx lakefs-emulator --help', help)
const version = run('npx', ['--no-install', 'lakefs-emulator', '--version']).stdout.trim()
if (version !== `lakefs-emulator ${pkg.version}`) fail('npx lakefs-emulator --version', `${version} does not name ${pkg.version}`)
ok(`npx lakefs-emulator --help and --version (${version})`)
await healthCheck()

// 4. The library, as ESM and as CommonJS (Node 20.19+ loads ES modules from require), and its types.
const esm = `
  import { createApp, createEmulator, loadScenarioFile, shippedScenario } from 'lakefs-emulator'
  const app = createApp({ scenarios: [loadScenarioFile(shippedScenario('default'))] })
  const health = await app.request('/api/v1/healthcheck')
  const repos = await app.request('/api/v1/repositories', { headers: { Authorization: 'Basic ' + btoa('AKIAIOSFOLQUICKSTART:wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY') } })
  const names = (await repos.json()).results.map((r) => r.id)
  app.close()
  if (health.status !== 204 || names.join() !== 'example' || typeof createEmulator !== 'function') throw new Error(health.status + ' ' + names)
`
run(process.execPath, ['--input-type=module', '-e', esm])
ok('import { createApp, createEmulator, ... } from "lakefs-emulator" serves a request in-process')
const cjs = run(process.execPath, ['-e', `
  const m = require('lakefs-emulator')
  const app = m.createApp()
  app.request('/api/v1/healthcheck').then((r) => { app.close(); if (r.status !== 204) process.exit(1) })
`])
ok(`require("lakefs-emulator") works too${/ExperimentalWarning/.test(cjs.stderr) ? ' (Node prints an ExperimentalWarning for require of ESM)' : ''}`)
writeFileSync(join(consumer, 'types-check.ts'), `
import { createEmulator, type EmulatorHandle, type JournalEntry, type Scenario } from 'lakefs-emulator'
const scenario: Scenario = { repositories: [{ name: 'r', storageNamespace: 's3://b/r' }] }
const lakefs: EmulatorHandle = createEmulator({ scenarios: [scenario], clockMode: 'manual' })
const now: number = lakefs.clock.now()
const entries: JournalEntry[] = lakefs.journal.list({ operation: 'importStart' })
// @ts-expect-error the seed is a number: the declarations are real types, not any
createEmulator({ seed: 'one' })
export { now, entries }
`)
run(process.execPath, [
  join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '--noEmit', '--strict', '--skipLibCheck', '--target', 'es2022',
  '--module', 'nodenext', '--moduleResolution', 'nodenext', '--types', 'node', '--typeRoots', join(root, 'node_modules', '@types'), 'types-check.ts',
])
ok('a strict TypeScript consumer type-checks against the declarations')

// 5. The examples: the GitHub Actions `node` job, run step by step here.
await runWorkflowJob(join(consumer, 'github-actions.yml'), 'node')

// 6. The pytest example, with the pytest plugin installed from this checkout's python/ (as pip
// installs it) and lakeFS's Python clients from LAKEFS_PYTHON_CLIENTS; the plugin finds the emulator
// in the project's node_modules, as it would in a user's project.
const clients = process.env.LAKEFS_PYTHON_CLIENTS ?? join(root, '..', 'shared', 'clients', 'python')
const plugin = join(work, 'python-plugin')
run('python3', ['-m', 'pip', 'install', '-q', '--disable-pip-version-check', '--no-deps', '--target', plugin, join(root, 'python')])
const pythonEnv = { PYTHONPATH: [plugin, clients, process.env.PYTHONPATH].filter(Boolean).join(':') }
const probe = spawnSync('python3', ['-c', 'import lakefs, pytest'], { encoding: 'utf8', env: { ...process.env, ...pythonEnv } })
if (probe.status !== 0) fail('the pytest example needs lakeFS\'s Python clients', `${probe.stderr}(set LAKEFS_PYTHON_CLIENTS)`)
const pytest = run('python3', ['-m', 'pytest', '-q', '-p', 'no:cacheprovider', 'pytest'], { env: pythonEnv }).stdout.trim().split('\n').pop()
ok(`examples/pytest with the plugin installed by pip: ${pytest}`)

rmSync(work, { recursive: true, force: true })
console.log(`package check: ${results.length} checks passed`)

/** Starts the installed command on a free port and asks it for health, as Docker's HEALTHCHECK does. */
async function healthCheck() {
  const child = spawn('npx', ['--no-install', 'lakefs-emulator', '--port', '0'], { cwd: consumer, detached: true, stdio: ['ignore', 'pipe', 'pipe'] })
  try {
    const url = await new Promise((resolve, reject) => {
      let out = ''
      const timer = setTimeout(() => reject(new Error(`no banner in 20 s: ${out}`)), 20_000)
      // The banner goes to stderr, as logs do; stdout stays free for requests logged at debug.
      const read = (d) => {
        out += d
        const match = /listening on (http:\/\/\S+)/.exec(out)
        if (match) (clearTimeout(timer), resolve(match[1]))
      }
      child.stdout.on('data', read)
      child.stderr.on('data', read)
      child.on('exit', (code) => reject(new Error(`exited ${code}: ${out}`)))
    })
    const statuses = await Promise.all([
      fetch(`${url}/_health`).then((r) => r.status),
      fetch(`${url}/api/v1/healthcheck`).then((r) => r.status),
      fetch(`${url}/`, { headers: { Accept: 'text/html' } }).then((r) => r.status),
    ])
    if (statuses.join() !== '204,204,200') throw new Error(`statuses ${statuses}`)
    ok(`npx lakefs-emulator serves: /_health 204, /api/v1/healthcheck 204, dashboard 200 (${url})`)
  } catch (err) {
    process.kill(-child.pid, 'SIGTERM')
    fail('npx lakefs-emulator starts and answers a health check', String(err))
  }
  process.kill(-child.pid, 'SIGTERM')
}

/**
 * Runs one job of a GitHub Actions workflow here: this repository's action (`.../lakefs-emulator@ref`)
 * runs as a runner runs it (scripts/github-action.mjs), other `uses:` steps are skipped (the checkout is
 * the project, Node is this one), `run:` steps run in order with bash as Actions runs them, with the
 * workflow's and the step's env and what earlier steps exported; `if: always()` steps run after a
 * failure too. The emulator gets free ports instead of 8000 and 9000 so the check never collides with
 * something already listening.
 */
async function runWorkflowJob(file, jobName) {
  const workflow = parse(readFileSync(file, 'utf8'))
  const job = workflow.jobs?.[jobName]
  if (!job) fail(`${file} has a job named ${jobName}`)
  const env = { ...workflow.env, ...job.env }
  let failed
  for (const [i, step] of job.steps.entries()) {
    const name = step.name ?? step.run?.split('\n')[0] ?? step.uses
    if (failed && !/always\(\)/.test(step.if ?? '')) continue
    let code, out
    if (/\/lakefs-emulator@/.test(step.uses ?? '')) {
      // This repository's action, run as a runner runs it, on free ports (never 8000 and 9000 here).
      const inputs = { ...step.with, port: String(await freePort()), 's3-port': String(await freePort()), 'gcs-port': String(await freePort()), 'azure-port': String(await freePort()) }
      const action = runAction(root, inputs, { ...process.env, ...env, RUNNER_TEMP: work, GITHUB_WORKSPACE: consumer, CI: 'true', GITHUB_ACTIONS: 'true' })
      Object.assign(env, action.env)
      ;[code, out] = [action.failed ? 1 : 0, action.log]
      if (!action.failed && action.uploads.length !== 1) [code, out] = [1, `the action uploads no artifact: ${JSON.stringify(action.uploads)}`]
    } else if (step.uses) continue
    else [code, out] = await runStep(step, env)
    if (code !== 0) failed ??= { step: `steps[${i}] ${name}`, out }
    else {
      console.log(`    ${jobName} job: ${name}`)
      for (const line of out.split('\n').filter((l) => l.trim() && !/nodedir/.test(l)).slice(-4)) console.log(`      | ${line}`)
    }
  }
  if (failed) fail(`examples/github-actions.yml job ${jobName}: ${failed.step}`, failed.out)
  ok(`examples/github-actions.yml job "${jobName}" ran here: the emulator's action with a scenario, the vitest example and curl script against it`)
}

/** A `run:` step, with bash as Actions runs it; its process group is ended afterwards. */
async function runStep(step, env) {
  const child = spawn('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', step.run], {
    cwd: consumer,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env, ...step.env, CI: 'true', GITHUB_ACTIONS: 'true' },
  })
  let out = ''
  child.stdout.on('data', (d) => (out += d))
  child.stderr.on('data', (d) => (out += d))
  const code = await new Promise((resolve) => child.on('close', resolve))
  try {
    process.kill(-child.pid, 'SIGTERM')
  } catch {
    // The step's processes have all ended.
  }
  return [code, out]
}

function freePort() {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address()
      server.close(() => resolve(port))
    })
  })
}
