/** The built CLI as a child process on a free port, driven over real HTTP. */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'

const CLI = 'dist/cli.js'
const auth = `Basic ${Buffer.from('AKIACI:ci-secret').toString('base64')}`
let child: ChildProcess | undefined

afterEach(() => {
  child?.kill('SIGKILL')
  child = undefined
})

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo
      probe.close(() => resolve(port))
    })
  })
}

let startLog = ''

/** Starts the CLI and resolves with its base URL once it prints its banner. */
function start(args: string[]): Promise<string> {
  child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] })
  return new Promise((resolve, reject) => {
    let out = ''
    child!.stderr!.on('data', (d) => {
      out += d
      startLog = out
      const m = /listening on (http:\/\/\S+) /.exec(out)
      if (m) resolve(m[1]!)
    })
    child!.on('exit', (code) => reject(new Error(`exited ${code}: ${out}`)))
  })
}

describe.runIf(existsSync(CLI))('lakefs-emulator CLI', () => {
  it('serves an import end to end over HTTP and exits cleanly on SIGTERM', async () => {
    const base = await start(['--port', '0', '--scenario', 'test/fixtures/fast-import.json'])
    const api = (path: string, init: RequestInit = {}) =>
      fetch(`${base}/api/v1${path}`, { ...init, headers: { Authorization: auth, 'Content-Type': 'application/json', ...init.headers } })
    expect((await fetch(`${base}/api/v1/healthcheck`)).status).toBe(204)
    const started = await api('/repositories/pipeline/branches/main/import', {
      method: 'POST',
      body: JSON.stringify({ paths: [{ type: 'common_prefix', path: 's3://drop/day/', destination: 'raw/' }], commit: { message: 'day' } }),
    })
    expect(started.status).toBe(202)
    const { id } = (await started.json()) as { id: string }
    let s: any
    for (let i = 0; i < 100; i++) {
      s = await (await api(`/repositories/pipeline/branches/main/import?id=${id}`)).json()
      if (s.completed || s.error) break
      await new Promise((r) => setTimeout(r, 50))
    }
    expect(s).toMatchObject({ completed: true, ingested_objects: 3000, commit: { message: 'day', committer: 'ci' } })
    const obj = await api('/repositories/pipeline/refs/main/objects?path=raw/f0001.json')
    expect([obj.status, (await obj.arrayBuffer()).byteLength]).toEqual([200, 64])
    // The info log tells how the import ended (progress is logged once a second).
    const ended = `import ${id} (pipeline/main): completed, 3,000 objects, commit ${s.commit.id.slice(0, 12)}`
    for (let i = 0; i < 40 && !startLog.includes(ended); i++) await new Promise((r) => setTimeout(r, 50))
    expect(startLog).toContain(ended)
    const exited = new Promise<number | null>((r) => child!.on('exit', r))
    child!.kill('SIGTERM')
    expect(await exited).toBe(0)
  })

  it('answers health checks while it loads, and serves the requests it held once loaded', async () => {
    const port = await freePort()
    // fetch's first call loads undici, which takes about as long as the emulator's whole load.
    await fetch(`http://127.0.0.1:${port}/`).catch(() => undefined)
    child = spawn(process.execPath, [CLI, '--port', String(port), '--s3-port', '0', '--gcs-port', '0', '--azure-port', '0', '--scenario', 'test/fixtures/fast-import.json'], { stdio: ['ignore', 'pipe', 'pipe'] })
    let log = ''
    let bannerAt = 0
    child.stderr!.on('data', (d) => {
      log += d
      if (!bannerAt && log.includes('listening on')) bannerAt = performance.now()
    })
    const base = `http://127.0.0.1:${port}`
    for (;;) {
      const res = await fetch(`${base}/api/v1/healthcheck`).catch(() => undefined)
      if (res?.status === 204) break
      await new Promise((r) => setTimeout(r, 2))
    }
    const healthyAt = performance.now()
    const bannerWhenHealthy = bannerAt
    const repo = await fetch(`${base}/api/v1/repositories/pipeline`, { headers: { Authorization: auth } })
    expect([repo.status, (await repo.json()).id]).toEqual([200, 'pipeline'])
    expect(log).toContain(`listening on ${base} `)
    // Loading takes a hundred milliseconds or more; the health check was answered before it ended.
    expect(bannerWhenHealthy).toBe(0)
    expect(bannerAt).toBeGreaterThan(healthyAt)
  })

  it('exits within a second of SIGTERM while an import is running, saying so', async () => {
    const base = await start(['--port', '0', '--scenario', 'test/fixtures/big-running-import.json'])
    let log = ''
    child!.stderr!.on('data', (d) => (log += d))
    const started = await fetch(`${base}/api/v1/repositories/pipeline/branches/main/import`, {
      method: 'POST',
      headers: { Authorization: auth, 'Content-Type': 'application/json' },
      body: JSON.stringify({ paths: [{ type: 'common_prefix', path: 's3://drop/big/', destination: 'raw/' }], commit: { message: 'big' } }),
    })
    const { id } = (await started.json()) as { id: string }
    // Under way, not finished: 600,000 objects take seconds.
    await new Promise((r) => setTimeout(r, 300))
    const status = await (await fetch(`${base}/api/v1/repositories/pipeline/branches/main/import?id=${id}`, { headers: { Authorization: auth } })).json()
    expect(status.completed).toBe(false)
    const exited = new Promise<number | null>((r) => child!.on('exit', r))
    const t0 = performance.now()
    child!.kill('SIGTERM')
    expect(await exited).toBe(0)
    expect(log + startLog).not.toContain('ci-secret')
    expect(startLog).toContain('secret access key: ci******* (masked')
    // Shutdown forces the exit after one second at most; the margin is for a slow machine, not a hang.
    expect(performance.now() - t0).toBeLessThan(1500)
    expect(log).toContain('lakefs-emulator: SIGTERM received, shutting down')
  })

  it('never writes credentials to its logs, even one line per request at debug level', async () => {
    const secret = 'log-secret/value+1'
    const base = await start(['--port', '0', '--log-level', 'debug', '--access-key-id', 'AKIALOG', '--secret-access-key', secret])
    let log = startLog
    child!.stderr!.on('data', (d) => (log += d))
    child!.stdout!.on('data', (d) => (log += d))
    const basic = (s: string) => `Basic ${Buffer.from(`AKIALOG:${s}`).toString('base64')}`
    expect((await fetch(`${base}/api/v1/repositories`, { headers: { Authorization: basic(secret) } })).status).toBe(200)
    expect((await fetch(`${base}/api/v1/repositories`, { headers: { Authorization: basic(`${secret}x`) } })).status).toBe(401)
    const login = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ access_key_id: 'AKIALOG', secret_access_key: secret }),
    })
    expect(login.status).toBe(200)
    const exited = new Promise((r) => child!.on('exit', r))
    child!.kill('SIGTERM')
    await exited
    // One JSON line per request, with the id the answer carried.
    const requests = log
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l))
    expect(requests.map((r) => [r.level, r.msg, r.method, r.path, r.status])).toEqual([
      ['debug', 'request', 'GET', '/api/v1/repositories', 200],
      ['debug', 'request', 'GET', '/api/v1/repositories', 401],
      ['debug', 'request', 'POST', '/api/v1/auth/login', 200],
    ])
    expect(requests.map((r) => r.request_id)).toEqual([1, 2, 3].map((n) => `00000000-0000-4000-8000-00000000000${n}`))
    expect(login.headers.get('X-Request-Id')).toBe('00000000-0000-4000-8000-000000000003')
    for (const needle of [secret, encodeURIComponent(secret), basic(secret).slice(6), basic(`${secret}x`).slice(6)]) expect(log).not.toContain(needle)
  })

  it('prints help and exits 0', () => {
    const res = spawnSync(process.execPath, [CLI, '--help'], { encoding: 'utf8' })
    expect(res.status).toBe(0)
    expect(res.stdout).toContain('--scenario')
    expect(res.stdout).toContain('LAKEFS_EMULATOR_PORT')
  })

  it('exits non-zero naming the flag for a bad flag value', () => {
    const res = spawnSync(process.execPath, [CLI, '--port', 'abc'], { encoding: 'utf8' })
    expect(res.status).toBe(2)
    expect(res.stderr).toContain('--port (LAKEFS_EMULATOR_PORT)')
  })

  it('exits non-zero naming the file and JSON path for a bad scenario', () => {
    const res = spawnSync(process.execPath, [CLI, '--scenario', 'test/fixtures/bad-scenario.json'], { encoding: 'utf8' })
    expect(res.status).toBe(2)
    expect(res.stderr).toContain('Invalid scenario "test/fixtures/bad-scenario.json"')
    expect(res.stderr).toContain('at $.store.generate[0].size')
    expect(res.stderr).toContain('at $: Unrecognized key: "surprise"')
  })

  it("counts the scenario's objects in the banner as validate does, and says what its staged uploads added", async () => {
    await start(['--port', '0', '--scenario', 'daily-drop'])
    for (let i = 0; i < 40 && !startLog.includes('control API:'); i++) await new Promise((r) => setTimeout(r, 50))
    expect(startLog).toContain('  fake store:        6,004 objects (6,003 from the scenario, 1 written since); blockstore s3\n')
    const validate = spawnSync(process.execPath, [CLI, 'validate', 'daily-drop'], { encoding: 'utf8' })
    expect(validate.stdout).toContain('  objects: 6,003 in the fake store\n')
  })

  it("takes a shipped scenario's name where a file is expected, and suggests the nearest for a typo", () => {
    const res = spawnSync(process.execPath, [CLI, 'validate', 'daily-drop'], { encoding: 'utf8' })
    expect(res.status).toBe(0)
    expect(res.stdout.split('\n')[0]).toBe('daily-drop: valid')
    expect(res.stdout).toContain('my-repo  s3://my-bucket/repos/my-repo  branches: main, ingestion (1 uncommitted)')
    const unknown = spawnSync(process.execPath, [CLI, '--scenario', 'daily-drops'], { encoding: 'utf8' })
    expect(unknown.status).toBe(2)
    expect(unknown.stderr).toContain('Invalid scenario "daily-drops":\n  at $: no such file, and no shipped scenario of that name (did you mean "daily-drop"?); shipped: ')
  })

  it('refuses a non-loopback host without a control token, unless told the network is safe', () => {
    const res = spawnSync(process.execPath, [CLI, '--host', '0.0.0.0', '--port', '0'], { encoding: 'utf8' })
    expect(res.status).toBe(2)
    expect(res.stderr).toContain('Refusing to serve the control API (/_emulator) on 0.0.0.0 without a token')
    const speed = spawnSync(process.execPath, [CLI, '--clock-speed', '60'], { encoding: 'utf8' })
    expect(speed.status).toBe(2)
    expect(speed.stderr).toContain('--clock-speed applies only with --clock-mode scaled')
  })

  it('binds 127.0.0.1 by default and says so; with the Docker image\'s environment it binds every interface and says that', async () => {
    const local = await start(['--port', '0'])
    expect(local).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect(startLog).toContain('  reachable from:    this machine only (loopback)')
    child!.kill('SIGTERM')
    await new Promise((resolve) => child!.once('exit', resolve))

    // The runtime stage's ENV, read from the Dockerfile itself (port 0 so the test never clashes).
    const dockerfile = readFileSync('Dockerfile', 'utf8')
    const runtime = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '))
    const env = Object.fromEntries([...runtime.matchAll(/(LAKEFS_EMULATOR_\w+)=(\S+)/g)].map((m) => [m[1]!, m[2]!]))
    expect(env).toMatchObject({ LAKEFS_EMULATOR_HOST: '0.0.0.0' })
    child = spawn(process.execPath, [CLI], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env, LAKEFS_EMULATOR_PORT: '0' } })
    const banner = await new Promise<string>((resolve, reject) => {
      let out = ''
      child!.stderr!.on('data', (d) => {
        out += d
        if (out.includes('control API:')) resolve(out)
      })
      child!.on('exit', (code) => reject(new Error(`exited ${code}: ${out}`)))
    })
    expect(banner).toMatch(/listening on http:\/\/0\.0\.0\.0:\d+ /)
    expect(banner).toContain('  reachable from:    every network interface: anyone who can reach this port can use the emulator')
  })

  it('serves a manual clock behind a control token', async () => {
    const token = 'ci-control-token'
    const base = await start(['--port', '0', '--clock-mode', 'manual', '--control-token', token, '--scenario', 'test/fixtures/fast-import.json'])
    const advance = (headers: Record<string, string>) =>
      fetch(`${base}/_emulator/clock/advance`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: '{"ms":1500}' })
    expect((await advance({})).status).toBe(401)
    const res = await advance({ Authorization: `Bearer ${token}` })
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({ mode: 'manual', speed: 0, elapsedMs: 1500 })
  })
})
