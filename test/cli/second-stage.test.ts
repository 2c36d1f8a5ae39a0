/**
 * The built CLI loads its second stage from one bundled file with V8's code cache
 * (src/cli/second-stage.ts): written by a first start, used by the next, never read from a folder
 * other users can write to, and off with LAKEFS_EMULATOR_COMPILE_CACHE=0.
 */
import { spawn } from 'node:child_process'
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'

const CLI = 'dist/cli.js'
const folder = mkdtempSync(join(tmpdir(), 'lakefs-emulator-cache-test-'))
afterAll(() => rmSync(folder, { recursive: true, force: true }))

/** Starts the CLI with debug logging, waits until it says what became of the cache (and `stopAfterMs`), and stops it. */
function run(cache: string, stopAfterMs = 400): Promise<{ state: string; log: string }> {
  const child = spawn(process.execPath, [CLI, '--port', '0', '--s3-port', '0', '--gcs-port', '0', '--azure-port', '0', '--log-level', 'debug'], {
    env: { ...process.env, LAKEFS_EMULATOR_COMPILE_CACHE: cache },
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  return new Promise((resolve, reject) => {
    let log = ''
    let stopping = false
    child.stderr!.on('data', (d) => {
      log += d
      const m = /compile cache: (.+)\n/.exec(log)
      if (!m || stopping) return
      stopping = true
      // The cache is written 100 ms after start, or on the way out if stopped sooner.
      setTimeout(() => child.kill('SIGTERM'), stopAfterMs)
      child.once('exit', () => resolve({ state: m[1]!, log }))
    })
    child.once('error', reject)
  })
}

describe.runIf(existsSync(CLI))('the CLI second stage', () => {
  it('is the bundle, compiled with a cache that the first start writes and the next uses', async () => {
    expect(existsSync('dist/cli/main.bundle.cjs')).toBe(true)
    expect((await run(folder)).state).toBe('missing')
    const files = readdirSync(folder)
    expect(files).toHaveLength(1)
    expect(files[0]).toMatch(new RegExp(`^main\\.bundle\\.cjs-\\d+-\\d+-${process.version.replace(/\./g, '\\.')}-${process.arch}\\.v8cache$`))
    expect((await run(folder)).state).toBe('used')
    expect(readdirSync(folder)).toEqual(files)
    // A cache of an older build is removed when this build's is written.
    rmSync(join(folder, files[0]!))
    writeFileSync(join(folder, 'main.bundle.cjs-1-2-v0.0.0-x64.v8cache'), 'old')
    expect((await run(folder)).state).toBe('missing')
    expect(readdirSync(folder)).toEqual(files)
  })

  it('is written on the way out by a run stopped before its timer (a test\'s, a benchmark\'s)', async () => {
    const quick = mkdtempSync(join(folder, 'quick-'))
    expect((await run(quick, 0)).state).toBe('missing')
    expect(readdirSync(quick)).toHaveLength(1)
    expect((await run(quick, 0)).state).toBe('used')
  })

  it('is off with LAKEFS_EMULATOR_COMPILE_CACHE=0, and never uses a folder others can write to', async () => {
    expect((await run('0')).state).toBe('off')
    const shared = mkdtempSync(join(folder, 'shared-'))
    chmodSync(shared, 0o777)
    expect((await run(shared)).state).toBe('off')
    expect(readdirSync(shared)).toEqual([])
  })
})
