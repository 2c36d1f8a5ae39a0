/**
 * The README's shell blocks, run as written against the built CLI: each runnable block gets an
 * emulator started as its `npm start -- ...` line says (or with the scenario listed here), on free
 * ports that replace 8000 and 9000 in its text, and must exit 0 under `bash -e -o pipefail` with the
 * output its comments promise. Blocks that cannot run here are listed with the reason, so a new block
 * is either run or explained. (Python blocks run in python/tests/test_readme.py, TypeScript blocks in
 * readme-typescript.test.ts.)
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { readmeBlocks } from './readme-blocks.js'

const CLI = 'dist/cli.js'
const work = mkdtempSync(join(tmpdir(), 'lakefs-emulator-readme-'))
let child: ChildProcess | undefined
afterEach(() => {
  if (child?.pid) process.kill(child.pid, 'SIGKILL')
  child = undefined
})
afterAll(() => rmSync(work, { recursive: true, force: true }))

interface Runnable {
  /** Flags for the emulator when the block does not start one itself. */
  readonly flags?: string[]
  /** Run before the block (in its folder). */
  readonly before?: string
  /** Run after the block, in the same shell (its variables and functions defined). */
  readonly after?: string
  /** What the output must hold. */
  readonly expect: (RegExp | string)[]
}

/** Blocks by their first line. */
const RUNNABLE: Record<string, Runnable> = {
  'npm start -- --scenario scenarios/daily-drop.json &': {
    expect: [/^cmig482vuetpig97u3c0$/m, '"completed":true', '"ingested_objects":6000', '{"message":"conflict found"}', '"path":"raw/2024/part-1/","path_type":"common_prefix"', /1024\n\{"message"/],
  },
  'L=http://127.0.0.1:8000; AUTH=AKIAIOSFOLQUICKSTART:wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\ncurl -s -u $AUTH -XPOST "$L/api/v1/repositories/example': {
    flags: [],
    expect: [/hello$/],
  },
  'L=http://127.0.0.1:8000; AUTH=AKIAIOSFOLQUICKSTART:wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\nID=$(curl': {
    flags: ['--scenario', 'stalled-import', '--clock-mode', 'manual'],
    after: 'advance 2000; status; echo; advance 3600000; status; echo',
    expect: ['{"completed":false,"update_time":"2024-01-15T10:00:02.000Z","ingested_objects":7500}', '{"completed":false,"update_time":"2024-01-15T11:00:02.000Z","ingested_objects":7500}'],
  },
  'A="-u AKIAIOSFOLQUICKSTART:wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"; R=http://127.0.0.1:8000/api/v1/repositories/example': {
    flags: [],
    expect: ['"path":"a.txt"', '"metadata":{"by":"me"}', '"id":"v1"'],
  },
  'P="-u AKIAIOSFOLQUICKSTART:wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"; R=http://127.0.0.1:8000/api/v1/repositories/example; J=\'Content-Type: application/json\'': {
    flags: [],
    expect: [/^[0-9a-f]{64}$/m, /^merged$/m, /^\{"branches_meta_range_id":"[0-9a-f]{64}","commits_meta_range_id":"[0-9a-f]{64}","tags_meta_range_id":"[0-9a-f]{64}"\}$/m, /^s3:\/\/example-bucket\/repos\/example\/_lakefs\/retention\/gc\/commits\/run_id=[0-9a-v]{20}\/commits\.csv$/m],
  },
  "curl -s http://127.0.0.1:8000/metrics | grep -E '^(api_requests_total|lakefs_emulator_)'": {
    flags: [],
    expect: [/^lakefs_emulator_\w+/m],
  },
  'curl -s localhost:8000/_emulator/clock': {
    flags: ['--scenario', 'daily-drop', '--clock-mode', 'manual'],
    before: "printf 'id\\n1\\n' > late.csv",
    expect: ['{"mode":"manual","speed":0,"now":"2024-01-15T10:00:00.000Z","nowMs":1705312800000,"elapsedMs":0}', '"now":"2024-01-15T10:01:00.000Z"', '"uri":"s3://my-bucket/raw/late.csv"', '"getConfig"'],
  },
}

/** Blocks that cannot run here, by their first line, and why. */
const NOT_HERE: Record<string, string> = {
  'npm install && npm start': 'installs and serves on 8000 for ever; test/cli/launchers.test.ts runs npm start and stops it',
  'npm install && npm test': 'the test suite itself',
  'npm run bench                   # builds, runs every benchmark, rewrites bench/RESULTS.md (a few minutes)': 'minutes of benchmark',
  'npm run load                 # builds, then the load run below; rewrites bench/LOAD.md (about a minute)': 'a minute of load',
  'npm start -- --scenario daily-drop --data-dir .lakefs-emulator &   # the banner says "data directory: ... (new ...)"':
    'a sketch of a session; test/persistence runs restarts with --data-dir',
  'curl -s -u $AUTH "$L/api/v1/repositories/my-repo/branches?show_hidden=True&amount=%2B10" # both accepted (a bare + is a space)':
    'two calls out of a session (a dev branch); test/api covers both',
  'docker build -t lakefs-emulator .': 'no Docker engine here; test/distribution/dockerfile.test.ts checks the Dockerfile',
}

const freePort = () =>
  new Promise<number>((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number }
      probe.close(() => resolve(port))
    })
  })

function startCli(flags: string[], port: number, s3Port: number): Promise<void> {
  child = spawn(process.execPath, [CLI, ...flags, '--port', String(port), '--s3-port', String(s3Port)], { stdio: ['ignore', 'ignore', 'pipe'] })
  return new Promise((resolve, reject) => {
    let out = ''
    child!.stderr!.on('data', (d) => {
      out += d
      if (out.includes('control API:')) resolve()
    })
    child!.on('exit', (code) => reject(new Error(`exited ${code}: ${out}`)))
  })
}

const shellBlocks = [...readmeBlocks('sh'), ...readmeBlocks('bash')]
const firstLine = (code: string) => code.split('\n')[0]!

describe.runIf(existsSync(CLI))("the README's shell blocks", () => {
  it('are each run here or listed with the reason they cannot be', () => {
    const unclassified = shellBlocks.filter((b) => !NOT_HERE[firstLine(b.code)] && !Object.keys(RUNNABLE).some((k) => b.code.startsWith(k)))
    expect(unclassified.map((b) => `README.md:${b.line}: ${firstLine(b.code)}`)).toEqual([])
  })

  for (const [start, spec] of Object.entries(RUNNABLE)) {
    it(`runs as written: ${firstLine(start)}`, async () => {
      const block = shellBlocks.find((b) => b.code.startsWith(start))
      expect(block, `no README block starts with ${start}`).toBeDefined()
      const [port, s3Port] = [await freePort(), await freePort()]
      // The block's own `npm start -- FLAGS &` line says how to start it; it is started here instead.
      const launch = /^npm start -- (.*?) &/m.exec(block!.code)
      await startCli(spec.flags ?? launch![1]!.split(' '), port, s3Port)
      const code = block!.code
        .replace(/^npm start -- .*$/m, '')
        .replaceAll(/(127\.0\.0\.1|localhost):8000/g, `127.0.0.1:${port}`)
        .replaceAll(/(127\.0\.0\.1|localhost):9000/g, `127.0.0.1:${s3Port}`)
      const dir = mkdtempSync(join(work, 'block-'))
      if (spec.before) spawnSync('bash', ['-c', spec.before], { cwd: dir })
      const script = join(dir, 'block.sh')
      writeFileSync(script, `${code}\n${spec.after ?? ''}\n`)
      const res = spawnSync('bash', ['--noprofile', '--norc', '-e', '-o', 'pipefail', script], { cwd: dir, encoding: 'utf8', timeout: 30_000 })
      expect(res.status, `README.md:${block!.line}\n${res.stdout}${res.stderr}`).toBe(0)
      for (const want of spec.expect) {
        if (typeof want === 'string') expect(res.stdout, `README.md:${block!.line}`).toContain(want)
        else expect(res.stdout.trim(), `README.md:${block!.line}`).toMatch(want)
      }
    })
  }
})
