/**
 * architecture.md, as a test: which folder may import which, which packages each layer may use, and
 * the size limits. Fails naming the file, the line and the rule it breaks.
 */
import { describe, expect, it } from 'vitest'
import { readSourceTree, type SourceModule } from './source-graph.js'

/** Layers, top to bottom; a module may import its own layer and those listed in `may`. */
const LAYERS = [
  { name: 'process', paths: ['src/cli.ts', 'src/cli/'], may: ['composition', 'api', 'wire', 'scenarios', 'core', 'store', 'util'] },
  { name: 'composition', paths: ['src/composition/', 'src/index.ts'], may: ['api', 'wire', 'scenarios', 'core', 'store', 'util'] },
  { name: 'api', paths: ['src/api/'], may: ['core', 'util'] },
  // Wire protocols beside the lakeFS API, each in its own folder (S3 first), and the data directory.
  { name: 'wire', paths: ['src/s3/', 'src/gcs/', 'src/azure/', 'src/webhooks/', 'src/lua/', 'src/persistence/'], may: ['core', 'store:types', 'util'] },
  { name: 'scenarios', paths: ['src/scenarios/'], may: ['core', 'store:types', 'util'] },
  { name: 'core', paths: ['src/emulator/'], may: ['store:types', 'util'] },
  { name: 'store', paths: ['src/fakestore/'], may: ['util'] },
  { name: 'util', paths: ['src/util/'], may: [] },
] as const

/** Inside the core, subsystems import downward only: the facade, then catalog, import, graveler, and the kernel. */
const CORE = [
  { name: 'facade', paths: ['src/emulator/emulator.ts', 'src/emulator/inspection.ts', 'src/emulator/snapshot.ts'], may: ['catalog', 'actions', 'import', 'graveler', 'kernel'] },
  { name: 'catalog', paths: ['src/emulator/catalog/'], may: ['actions', 'import', 'graveler', 'kernel'] },
  { name: 'actions', paths: ['src/emulator/actions/'], may: ['graveler', 'kernel'] },
  { name: 'import', paths: ['src/emulator/import/'], may: ['graveler', 'kernel'] },
  { name: 'graveler', paths: ['src/emulator/graveler/'], may: ['kernel'] },
  { name: 'kernel', paths: ['src/emulator/errors.ts', 'src/emulator/clock.ts', 'src/emulator/random.ts', 'src/emulator/blockstore.ts'], may: [] },
] as const

/** Packages each layer may use (node: built-ins are open to all but the core's `process`). */
const PACKAGES: Record<string, readonly string[]> = {
  process: ['@hono/node-server', 'zod'],
  composition: ['@hono/node-server', '@hono/zod-openapi', 'hono'],
  api: ['hono', '@hono/zod-openapi', 'zod', 'prom-client', 'tldts', 'hyparquet-writer'],
  wire: ['hono', 'wasmoon', 'yaml'],
  scenarios: ['zod', 'hono', '@faker-js/faker'],
  core: ['yaml'],
  store: ['memfs'],
  util: [],
}
/** The few modules a package is confined to, inside a layer that may use it. */
const CONFINED: Record<string, readonly string[]> = {
  '@faker-js/faker': ['src/scenarios/generated-content.ts'],
  yaml: ['src/emulator/actions/action-file.ts', 'src/lua/lua-runner.ts'],
  wasmoon: ['src/lua/'],
  tldts: ['src/api/lakefs/installation/email.ts'],
  'hyparquet-writer': ['src/api/lakefs/repository/gc-parquet.ts'],
  hono: ['src/api/', 'src/s3/', 'src/composition/app.ts', 'src/scenarios/fault-middleware.ts'],
}

const layerOf = <T extends { readonly paths: readonly string[] }>(table: readonly T[], path: string) =>
  table.find((l) => l.paths.some((p) => (p.endsWith('/') ? path.startsWith(p) : path === p)))

const modules = readSourceTree()

function problems(check: (m: SourceModule) => string[]): string[] {
  return modules.flatMap(check)
}

describe('architecture.md', () => {
  it('puts every module in a layer', () => {
    expect(modules.filter((m) => !layerOf(LAYERS, m.path)).map((m) => m.path)).toEqual([])
    expect(modules.filter((m) => m.path.startsWith('src/emulator/') && !layerOf(CORE, m.path)).map((m) => m.path)).toEqual([])
  })

  it('imports downward only, between layers and between the core subsystems', () => {
    const found = problems((m) => {
      const from = layerOf(LAYERS, m.path)!
      return m.imports.flatMap((i) => {
        if (!i.target.startsWith('src/')) return []
        const to = layerOf(LAYERS, i.target)
        if (!to) return [`${m.path}:${i.line} imports ${i.target}, which is in no layer`]
        const may = from.may as readonly string[]
        const allowed = to.name === from.name || may.includes(to.name) || (i.typeOnly && may.includes(`${to.name}:types`))
        if (!allowed) return [`${m.path}:${i.line} (${from.name}) imports ${i.target} (${to.name})${may.includes(`${to.name}:types`) ? ' other than as a type' : ''}`]
        if (from.name !== 'core' || to.name !== 'core') return []
        const sub = layerOf(CORE, m.path)!
        const target = layerOf(CORE, i.target)!
        return target.name === sub.name || (sub.may as readonly string[]).includes(target.name)
          ? []
          : [`${m.path}:${i.line} (core/${sub.name}) imports ${i.target} (core/${target.name})`]
      })
    })
    expect(found).toEqual([])
  })

  it('uses only the packages each layer may', () => {
    const found = problems((m) => {
      const layer = layerOf(LAYERS, m.path)!.name
      return m.imports.flatMap((i) => {
        if (i.target.startsWith('src/') || i.target.startsWith('node:')) return []
        if (!PACKAGES[layer]!.includes(i.target)) return [`${m.path}:${i.line} (${layer}) uses ${i.target}`]
        const only = CONFINED[i.target]
        if (only && !only.some((p) => (p.endsWith('/') ? m.path.startsWith(p) : m.path === p))) return [`${m.path}:${i.line} uses ${i.target}, kept to ${only.join(', ')}`]
        return []
      })
    })
    expect(found).toEqual([])
  })

  it('keeps no mutable state in modules below the process layer (memos of immutable things aside)', () => {
    // The dashboard page is a file that never changes: reading it once per process is a memo.
    const MEMOS = ['src/api/control/dashboard.ts']
    const found = problems((m) =>
      layerOf(LAYERS, m.path)!.name === 'process' || MEMOS.includes(m.path)
        ? []
        : m.text.split('\n').flatMap((line, i) => (/^(let|var) /.test(line) ? [`${m.path}:${i + 1}: ${line.trim()}`] : []))
    )
    expect(found).toEqual([])
  })

  it('keeps the process, wall time and randomness out of the core', () => {
    const found = problems((m) => {
      if (!m.path.startsWith('src/emulator/')) return []
      const out: string[] = []
      const lines = m.text.split('\n')
      lines.forEach((line, i) => {
        const code = line.replace(/\/\/.*$/, '')
        if (/\bprocess\.|\bDate\.now\(|new Date\(\)|Math\.random\(|randomUUID\(/.test(code) && !/^\s*\*/.test(line)) {
          if (m.path === 'src/emulator/clock.ts' || m.path === 'src/emulator/random.ts') return
          out.push(`${m.path}:${i + 1}: ${line.trim()}`)
        }
      })
      return out
    })
    expect(found).toEqual([])
  })
})

/** Route and schema files are tables of data: the size limits do not apply to them. */
const TABLES = /(\.routes\.ts|\/schemas?\.ts|\/fault-schema\.ts)$/
const MAX_FILE_LINES = 300
const MAX_FUNCTION_LINES = 60

describe('sizes', () => {
  it(`keeps files to ${MAX_FILE_LINES} lines and functions to ${MAX_FUNCTION_LINES}`, () => {
    const over = modules.flatMap((m) => [
      ...(m.lines > MAX_FILE_LINES && !TABLES.test(m.path) ? [m.path] : []),
      ...m.functions.filter((f) => f.lines > MAX_FUNCTION_LINES).map((f) => `${m.path} ${f.name}`),
    ])
    expect(over).toEqual([])
  })
})
