/**
 * `--data-dir` against kill -9: the CLI is killed at moments spread over a writer's run of uploads,
 * commits and store writes, again and again; after every restart each write it acknowledged is
 * there, with its content. (What it did not acknowledge may or may not be.)
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'

const CLI = 'dist/cli.js'
const AUTH = `Basic ${Buffer.from('AKIAIOSFOLQUICKSTART:wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY').toString('base64')}`
const work = mkdtempSync(join(tmpdir(), 'lakefs-emulator-crash-'))
const dataDir = join(work, 'data')
const scenario = join(work, 'scenario.json')
writeFileSync(scenario, JSON.stringify({ version: 1, repositories: [{ name: 'repo', storageNamespace: 's3://bucket/repos/repo' }] }))
const children: ChildProcess[] = []
afterAll(() => {
  for (const c of children) c.kill('SIGKILL')
  rmSync(work, { recursive: true, force: true })
})

function start(): Promise<{ child: ChildProcess; api: string; s3: string }> {
  const child = spawn(process.execPath, [CLI, '--port', '0', '--scenario', scenario, '--data-dir', dataDir], { stdio: ['ignore', 'ignore', 'pipe'] })
  children.push(child)
  return new Promise((resolve, reject) => {
    let out = ''
    child.stderr!.on('data', (d) => {
      out += d
      const api = /listening on (http:\/\/\S+) /.exec(out)?.[1]
      const s3 = /fake store at (http:\/\/\S+) /.exec(out)?.[1]
      if (api && s3 && out.includes('control API:')) resolve({ child, api, s3 })
    })
    child.on('exit', (code) => reject(new Error(`exited ${code}: ${out}`)))
  })
}

interface Acknowledged {
  readonly objects: Map<string, string>
  readonly commits: string[]
  readonly store: Map<string, string>
}

/** Writes until the emulator stops answering; every write answered 2xx is recorded. */
async function writer(api: string, from: number, ack: Acknowledged): Promise<number> {
  for (let n = from; ; n++) {
    try {
      const upload = await fetch(`${api}/api/v1/repositories/repo/branches/main/objects?path=k/${n}`, { method: 'POST', headers: { Authorization: AUTH, 'Content-Type': 'application/octet-stream' }, body: `value ${n}` })
      if (upload.status === 201) ack.objects.set(`k/${n}`, `value ${n}`)
      if (n % 4 === 0) {
        const commit = await fetch(`${api}/api/v1/repositories/repo/branches/main/commits`, { method: 'POST', headers: { Authorization: AUTH, 'Content-Type': 'application/json' }, body: JSON.stringify({ message: `upto ${n}` }) })
        if (commit.status === 201) ack.commits.push(((await commit.json()) as { id: string }).id)
      }
      if (n % 3 === 0) {
        const put = await fetch(`${api}/_emulator/objects?uri=s3://landing/n${n}`, { method: 'PUT', body: `raw ${n}` })
        if (put.status === 201) ack.store.set(`s3://landing/n${n}`, `raw ${n}`)
      }
    } catch {
      return n // killed
    }
  }
}

describe.runIf(existsSync(CLI))('--data-dir after kill -9', () => {
  it('keeps every acknowledged write, however the kills fall', async () => {
    const ack: Acknowledged = { objects: new Map(), commits: [], store: new Map() }
    let next = 0
    // Kill moments (ms into each run), spread so that some fall mid-request.
    for (const delay of [40, 130, 75, 210, 15, 160, 95]) {
      const { child, api } = await start()
      const before = ack.objects.size
      const writing = writer(api, next, ack)
      // A few writes acknowledged in every run (however slow the machine), then the kill, at a moment that varies.
      for (let i = 0; i < 500 && ack.objects.size < before + 3; i++) await new Promise((r) => setTimeout(r, 20))
      await new Promise((r) => setTimeout(r, delay))
      child.kill('SIGKILL')
      next = await writing
    }
    expect(ack.objects.size).toBeGreaterThanOrEqual(21)

    const { child, api } = await start()
    for (const [path, value] of ack.objects) {
      const res = await fetch(`${api}/api/v1/repositories/repo/refs/main/objects?path=${path}`, { headers: { Authorization: AUTH } })
      expect([path, res.status, await res.text()]).toEqual([path, 200, value])
    }
    const log = await fetch(`${api}/api/v1/repositories/repo/refs/main/commits?amount=1000`, { headers: { Authorization: AUTH } })
    const ids = new Set(((await log.json()) as { results: { id: string }[] }).results.map((c) => c.id))
    expect(ack.commits.filter((id) => !ids.has(id))).toEqual([])
    // The store's objects, read back through an import of the bucket (imports read the fake store).
    const h = { Authorization: AUTH, 'Content-Type': 'application/json' }
    expect((await fetch(`${api}/api/v1/repositories/repo/branches`, { method: 'POST', headers: h, body: JSON.stringify({ name: 'check', source: 'main' }) })).status).toBe(201)
    const started = await fetch(`${api}/api/v1/repositories/repo/branches/check/import`, {
      method: 'POST',
      headers: h,
      body: JSON.stringify({ paths: [{ type: 'common_prefix', path: 's3://landing/', destination: 'landing/' }], commit: { message: 'check' } }),
    })
    const { id } = (await started.json()) as { id: string }
    for (;;) {
      const status = (await (await fetch(`${api}/api/v1/repositories/repo/branches/check/import?id=${id}`, { headers: h })).json()) as { completed: boolean; error?: unknown }
      expect(status.error).toBeUndefined()
      if (status.completed) break
      await new Promise((r) => setTimeout(r, 100))
    }
    for (const [uri, value] of ack.store) {
      const res = await fetch(`${api}/api/v1/repositories/repo/refs/check/objects?path=landing/${uri.slice('s3://landing/'.length)}`, { headers: h })
      expect([uri, res.status, await res.text()]).toEqual([uri, 200, value])
    }
    child.kill('SIGTERM')
  }, 60_000)

  it('exits 2 naming the directory and both versions for a data directory of another format', () => {
    const other = join(work, 'other')
    spawnSync('mkdir', ['-p', other])
    writeFileSync(join(other, 'state.json'), JSON.stringify({ format: 'lakefs-emulator data directory', version: 2, writtenBy: '0.9.0', content: {} }))
    const res = spawnSync(process.execPath, [CLI, '--port', '0', '--data-dir', other], { encoding: 'utf8' })
    expect(res.status).toBe(2)
    expect(res.stderr.trim()).toBe(`--data-dir ${other} was written by lakefs-emulator 0.9.0 in data format 2; this is lakefs-emulator 0.1.0, which reads format 1. Use that version, or another directory`)
  })
})
