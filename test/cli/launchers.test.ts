/**
 * Process hygiene: however the emulator is launched (npm start, npm exec / npx, the bin), stopping
 * the launcher stops the server and frees its port within a second, whether the launcher passes the
 * signal on or is killed outright; and npm start does not rebuild an up-to-date dist/.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { connect } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, describe, expect, it } from 'vitest'

const started: ChildProcess[] = []
afterEach(() => {
  for (const p of started.splice(0)) if (p.exitCode === null) p.kill('SIGKILL')
})

/** Starts a launcher and resolves to the lakeFS port once the banner is printed. */
function launch(command: string, args: string[]): Promise<{ child: ChildProcess; port: number; log: () => string }> {
  const child = spawn(command, args, { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'pipe'] })
  started.push(child)
  let log = ''
  return new Promise((resolve, reject) => {
    const onData = (d: Buffer) => {
      log += d
      const m = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(log)
      if (m && log.includes('control API:')) resolve({ child, port: Number(m[1]), log: () => log })
    }
    child.stdout!.on('data', onData)
    child.stderr!.on('data', onData)
    child.once('exit', (code) => reject(new Error(`launcher exited (${code}) before listening:\n${log}`)))
  })
}

const refused = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, '127.0.0.1')
    socket.once('connect', () => (socket.destroy(), resolve(false)))
    socket.once('error', () => resolve(true))
  })

async function freedWithin(port: number, ms: number): Promise<number> {
  const t0 = performance.now()
  while (performance.now() - t0 < ms) {
    if (await refused(port)) return performance.now() - t0
    await new Promise((r) => setTimeout(r, 25))
  }
  throw new Error(`port ${port} still answers after ${ms} ms`)
}

const FLAGS = ['--port', '0', '--log-level', 'info']
/** A project whose script starts the CLI through a shell, as npx does. */
const SHELLED = mkdtempSync(join(tmpdir(), 'lakefs-emulator-launch-'))
writeFileSync(join(SHELLED, 'package.json'), JSON.stringify({ name: 'launch', private: true, scripts: { serve: `node ${join(process.cwd(), 'dist', 'cli.js')}` } }))
afterAll(() => rmSync(SHELLED, { recursive: true, force: true }))

describe('stopping a launcher frees the port', () => {
  it.each([
    ['npm start, SIGTERM', 'npm', ['start', '--', ...FLAGS], 'SIGTERM'],
    ['npm start, SIGINT', 'npm', ['start', '--', ...FLAGS], 'SIGINT'],
    ['npm start, SIGKILL (nothing passed on)', 'npm', ['start', '--', ...FLAGS], 'SIGKILL'],
    // npx's shape: npm runs a shell, which runs node (no exec in between).
    ['npm through a shell (as npx), SIGTERM', 'npm', ['run', 'serve', '--prefix', SHELLED, '--', ...FLAGS], 'SIGTERM'],
    ['npm through a shell (as npx), SIGKILL', 'npm', ['run', 'serve', '--prefix', SHELLED, '--', ...FLAGS], 'SIGKILL'],
    ['the bin, SIGTERM', process.execPath, ['dist/cli.js', ...FLAGS], 'SIGTERM'],
  ] as const)('%s', async (_name, command, args, signal) => {
    const { child, port } = await launch(command, [...args])
    expect(await refused(port)).toBe(false)
    child.kill(signal)
    expect(await freedWithin(port, 1500)).toBeLessThan(1500)
  })
})

it('npm start does not rebuild an up-to-date dist/', async () => {
  const { child, log } = await launch('npm', ['start', '--', ...FLAGS])
  child.kill('SIGTERM')
  expect(log()).not.toContain('scripts/build.mjs')
  expect(log()).not.toMatch(/> tsc|lakefs-emulator@[\d.]+ build/)
})
