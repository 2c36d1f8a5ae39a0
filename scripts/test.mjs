/**
 * `npm test`: the vitest suite (arguments are passed to vitest), then the real-client tier, where
 * lakeFS's own Python clients drive the built CLI (test/clients, pytest), and the pytest plugin's
 * own tests (python/tests). All must pass.
 *
 * The tier needs python3 with pytest and the clients' dependencies (test/clients/requirements.txt)
 * and lakeFS's clients at LAKEFS_PYTHON_CLIENTS (default ../shared/clients/python). When one is
 * missing it fails, naming what is missing; LAKEFS_EMULATOR_SKIP_CLIENTS=1 skips it on purpose
 * (never in CI).
 */
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const python = process.env.PYTHON ?? 'python3'
const clients = resolve(root, process.env.LAKEFS_PYTHON_CLIENTS ?? '../shared/clients/python')

const run = (command, args, env = {}) =>
  spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } }).status ?? 1

const vitest = run(process.execPath, [resolve(root, 'node_modules/vitest/vitest.mjs'), 'run', ...process.argv.slice(2)])

let tier = 0
if (process.env.LAKEFS_EMULATOR_SKIP_CLIENTS === '1') {
  console.warn('[lakefs-emulator] real-client tier skipped (LAKEFS_EMULATOR_SKIP_CLIENTS=1)')
} else {
  const missing = []
  const probe = spawnSync(python, ['-c', 'import pytest, pydantic, urllib3, dateutil, yaml, typing_extensions'], { encoding: 'utf8' })
  if (probe.error) missing.push(`${python} (set PYTHON to another interpreter)`)
  else if (probe.status !== 0) missing.push(`Python packages (pip install -r test/clients/requirements.txt): ${probe.stderr.trim().split('\n').pop()}`)
  for (const pkg of ['lakefs_sdk', 'lakefs', 'lakefs_client']) {
    if (!existsSync(resolve(clients, pkg))) missing.push(`lakeFS's ${pkg} at ${resolve(clients, pkg)} (set LAKEFS_PYTHON_CLIENTS)`)
  }
  if (missing.length > 0) {
    console.error(`[lakefs-emulator] The real-client tier cannot run; missing:\n  - ${missing.join('\n  - ')}`)
    tier = 1
  } else {
    const report = resolve(root, 'artifacts/real-clients.xml')
    tier = run(python, ['-m', 'pytest', 'test/clients', '-q', '-p', 'no:cacheprovider', `--junitxml=${report}`], {
      LAKEFS_PYTHON_CLIENTS: clients,
      PYTHONPATH: [resolve(root, 'test/clients'), process.env.PYTHONPATH].filter(Boolean).join(':'),
    })
    tier = pytestPlugin() || tier
  }
}

/**
 * The pytest plugin (python/), as `pip install ./python` installs it: built into artifacts/ (again
 * only when its sources changed), found by pytest through its entry point, and tested with lakeFS's
 * clients against this checkout's CLI.
 */
function pytestPlugin() {
  const target = resolve(root, 'artifacts/python-plugin')
  const stamp = resolve(target, '.built')
  const newest = (dir) => Math.max(...readdirSync(dir, { recursive: true }).map((f) => statSync(resolve(dir, f)).mtimeMs))
  const sources = Math.max(newest(resolve(root, 'python/src')), statSync(resolve(root, 'python/pyproject.toml')).mtimeMs)
  if (!existsSync(stamp) || statSync(stamp).mtimeMs < sources) {
    rmSync(target, { recursive: true, force: true })
    const built = run(python, ['-m', 'pip', 'install', '-q', '--disable-pip-version-check', '--no-deps', '--target', target, './python'])
    if (built !== 0) return built
    writeFileSync(stamp, '')
  }
  return run(python, ['-m', 'pytest', 'python/tests', '-q', '-p', 'no:cacheprovider', `--junitxml=${resolve(root, 'artifacts/pytest-plugin.xml')}`], {
    LAKEFS_EMULATOR_PATH: root,
    PYTHONPATH: [target, clients, process.env.PYTHONPATH].filter(Boolean).join(':'),
  })
}
process.exit(vitest !== 0 ? vitest : tier)
