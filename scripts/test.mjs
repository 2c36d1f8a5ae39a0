/**
 * `npm test`: the vitest suite (arguments are passed to vitest), then the real-client tier, where
 * lakeFS's own Python clients drive the built CLI (test/clients, pytest). Both must pass.
 *
 * The tier needs python3 with pytest and the clients' dependencies (test/clients/requirements.txt)
 * and lakeFS's clients at LAKEFS_PYTHON_CLIENTS (default ../shared/clients/python). When one is
 * missing it fails, naming what is missing; LAKEFS_EMULATOR_SKIP_CLIENTS=1 skips it on purpose
 * (never in CI).
 */
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
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
  }
}
process.exit(vitest !== 0 ? vitest : tier)
