/**
 * The Dockerfile, checked without Docker (no engine on our machines): every COPY source exists and
 * is not ignored, the build stage is replayed in a temporary directory with the files it copies and
 * the same commands as the npm path, the runtime stage holds what the npm package holds and starts
 * the package's bin, and the HEALTHCHECK command is run against a live emulator.
 */
import { spawn, spawnSync } from 'node:child_process'
import { builtinModules } from 'node:module'
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, posix } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'

interface Instruction {
  readonly op: string
  readonly args: string
  readonly line: number
}
interface Stage {
  readonly from: string
  readonly name?: string
  readonly steps: Instruction[]
}

/** Instructions with continuation lines joined, grouped by stage. */
function parseDockerfile(text: string): Stage[] {
  const stages: Stage[] = []
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const start = i
    let line = lines[i]!
    while (line.endsWith('\\') && i + 1 < lines.length) line = `${line.slice(0, -1)} ${lines[++i]!.trim()}`
    const m = /^\s*([A-Z]+)\s+(.*)$/.exec(line)
    if (!m || line.trimStart().startsWith('#')) continue
    const [, op, args] = m as unknown as [string, string, string]
    if (op === 'FROM') {
      const [from, , name] = args.split(/\s+/)
      stages.push({ from: from!, name, steps: [] })
    } else stages.at(-1)!.steps.push({ op, args: args.trim(), line: start + 1 })
  }
  return stages
}

/** COPY's sources and destination; exec form or plain words; `--from` and other flags split off. */
function copyOf(args: string): { from?: string; sources: string[]; dest: string } {
  const words = args.startsWith('[') ? (JSON.parse(args) as string[]) : args.split(/\s+/)
  const from = words.find((w) => w.startsWith('--from='))?.slice('--from='.length)
  const paths = words.filter((w) => !w.startsWith('--'))
  return { from, sources: paths.slice(0, -1), dest: paths.at(-1)! }
}

const dockerfile = readFileSync('Dockerfile', 'utf8')
const stages = parseDockerfile(dockerfile)
const [build, runtime] = stages as [Stage, Stage]
const pkg = JSON.parse(readFileSync('package.json', 'utf8'))
const stepsOf = (stage: Stage, op: string) => stage.steps.filter((s) => s.op === op)
const only = (stage: Stage, op: string) => {
  const found = stepsOf(stage, op)
  expect(found, `${op} in stage ${stage.name ?? stage.from}`).toHaveLength(1)
  return found[0]!.args
}
const envOf = (stage: Stage) =>
  Object.fromEntries(stepsOf(stage, 'ENV').flatMap((s) => [...s.args.matchAll(/(\w+)=(\S+)/g)].map((m) => [m[1]!, m[2]!])))

const temp: string[] = []
afterAll(() => temp.forEach((d) => rmSync(d, { recursive: true, force: true })))

describe('Dockerfile', () => {
  it('has a build stage and a small node:20 runtime stage', () => {
    expect(stages.map((s) => [s.from, s.name])).toEqual([
      ['node:20-slim', 'build'],
      ['node:20-slim', 'runtime'],
    ])
    // The image's Node is the one the package says it needs.
    expect(pkg.engines.node).toMatch(/^>=20\./)
  })

  it('copies only sources that exist and that .dockerignore lets through', () => {
    const ignored = readFileSync('.dockerignore', 'utf8')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#'))
    for (const stage of stages) {
      for (const step of stepsOf(stage, 'COPY')) {
        const { from, sources } = copyOf(step.args)
        if (from) continue
        for (const source of sources) {
          expect(existsSync(source), `Dockerfile line ${step.line}: COPY ${source} exists`).toBe(true)
          expect(ignored.filter((p) => posix.normalize(p).replace(/\/$/, '') === source.split('/')[0]), `line ${step.line}: ${source} is not ignored`).toEqual([])
        }
      }
    }
    // What the context must never carry: local builds and installs would shadow the image's own.
    expect(ignored).toEqual(expect.arrayContaining(['node_modules', 'dist', '.git']))
  })

  it('builds with the same commands as the npm path, from only what the build stage copies', () => {
    // Replay the build stage: its COPY lines into a temporary WORKDIR, then its RUN lines, with
    // `npm ci` standing for an install of package-lock.json (linked here) plus the prepare script it runs.
    expect(only(build, 'WORKDIR')).toBe('/app')
    const app = mkdtempSync(join(tmpdir(), 'docker-build-'))
    temp.push(app)
    for (const step of build.steps) {
      if (step.op === 'COPY') {
        const { sources, dest } = copyOf(step.args)
        for (const source of sources) {
          const target = dest.endsWith('/') && dest !== './' ? join(app, dest, source) : dest === './' ? join(app, source) : join(app, dest)
          cpSync(source, target, { recursive: true })
        }
      } else if (step.op === 'RUN') {
        if (/^npm ci\b/.test(step.args)) {
          expect(step.args).not.toMatch(/--ignore-scripts|--omit=dev/)
          symlinkSync(join(process.cwd(), 'node_modules'), join(app, 'node_modules'))
          expect(pkg.scripts.prepare).toBe('npm run build')
          const res = spawnSync('npm', ['run', 'prepare'], { cwd: app, encoding: 'utf8' })
          expect(res.status, `npm ci's prepare in the build stage:\n${res.stdout}${res.stderr}`).toBe(0)
        } else {
          const res = spawnSync('sh', ['-c', step.args], { cwd: app, encoding: 'utf8' })
          expect(res.status, `RUN ${step.args}:\n${res.stderr}`).toBe(0)
        }
      }
    }
    // The build produced what the runtime stage takes from it.
    for (const step of stepsOf(runtime, 'COPY')) {
      const { from, sources } = copyOf(step.args)
      if (from !== 'build') continue
      for (const source of sources) expect(existsSync(join(app, posix.relative('/app', source))), `build stage has ${source}`).toBe(true)
    }
    expect(existsSync(join(app, 'dist', 'dashboard', 'dashboard.html'))).toBe(true)
  }, 120_000)

  it('ships in the runtime image what the npm package ships, and starts the package bin', () => {
    const copied = stepsOf(runtime, 'COPY').flatMap((s) => {
      const { from, sources } = copyOf(s.args)
      return from ? sources.map((src) => posix.basename(src)) : sources
    })
    expect(copied.filter((f) => !f.startsWith('package')).sort()).toEqual(
      pkg.files.filter((f: string) => !f.startsWith('!')).sort()
    )
    expect(copied).toEqual(expect.arrayContaining(['package.json', 'package-lock.json']))
    const install = stepsOf(runtime, 'RUN').map((s) => s.args)
    expect(install.some((a) => /^npm ci --omit=dev --ignore-scripts\b/.test(a))).toBe(true)
    expect(JSON.parse(only(runtime, 'ENTRYPOINT'))).toEqual(['node', pkg.bin['lakefs-emulator']])
    expect(JSON.parse(only(runtime, 'CMD'))).toEqual([])
    expect(only(runtime, 'USER')).toBe('node')
    expect(only(runtime, 'WORKDIR')).toBe('/app')
    expect(JSON.parse(only(runtime, 'VOLUME'))).toEqual(['/scenarios'])
    const env = envOf(runtime)
    expect(env).toMatchObject({ LAKEFS_EMULATOR_HOST: '0.0.0.0', LAKEFS_EMULATOR_PORT: '8000', LAKEFS_EMULATOR_S3_PORT: '9000', LAKEFS_EMULATOR_GCS_PORT: '4443', LAKEFS_EMULATOR_AZURE_PORT: '10000', NODE_ENV: 'production' })
    expect(only(runtime, 'EXPOSE')).toBe(`${env.LAKEFS_EMULATOR_PORT} ${env.LAKEFS_EMULATOR_S3_PORT} ${env.LAKEFS_EMULATOR_GCS_PORT} ${env.LAKEFS_EMULATOR_AZURE_PORT}`)
  })

  it('runs with production dependencies only: the built code imports nothing else', () => {
    const files = (readdirSync('dist', { recursive: true }) as string[]).filter((f) => f.endsWith('.js'))
    expect(files).toContain('cli.js')
    const builtins = new Set(builtinModules)
    const imported = new Set<string>()
    for (const file of files) {
      const code = readFileSync(join('dist', file), 'utf8')
      for (const m of code.matchAll(/(?:from\s+|import\s*\(\s*|require\)?\(\s*|createRequire\([^)]*\)\(\s*)['"]([^'"./][^'"]*)['"]/g)) {
        const spec = m[1]!
        if (spec.startsWith('node:') || builtins.has(spec.split('/')[0]!)) continue
        imported.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!)
      }
    }
    expect([...imported].filter((name) => !(name in pkg.dependencies))).toEqual([])
    expect(imported.size).toBeGreaterThan(3)
  })

  it("HEALTHCHECK's command passes against a running emulator and fails without one", async () => {
    const healthcheck = only(runtime, 'HEALTHCHECK')
    expect(healthcheck).toMatch(/--interval=\d+s/)
    const command = /\bCMD\s+(.*)$/.exec(healthcheck)![1]!
    const child = spawn(process.execPath, ['dist/cli.js', '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] })
    try {
      const port = await new Promise<string>((resolve, reject) => {
        let out = ''
        child.stderr!.on('data', (d) => {
          out += d
          const m = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(out)
          if (m) resolve(m[1]!)
        })
        child.on('exit', (code) => reject(new Error(`exited ${code}: ${out}`)))
      })
      const probe = (env: Record<string, string>) => spawnSync('sh', ['-c', command], { env: { ...process.env, ...env }, encoding: 'utf8' }).status
      expect(probe({ LAKEFS_EMULATOR_PORT: port })).toBe(0)
      child.kill('SIGTERM')
      await new Promise((r) => child.once('exit', r))
      expect(probe({ LAKEFS_EMULATOR_PORT: port })).toBe(1)
    } finally {
      child.kill('SIGKILL')
    }
  })
})
