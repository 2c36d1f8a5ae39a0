/** Reading and validating scenario files; errors name the file, the JSON path and what was expected. */
import { type FaultRule, unservedOperations } from './fault-schema.js'
import { readFileSync } from 'node:fs'
import type { ZodError } from 'zod'
import { jsonPath } from '../util/json-path.js'
import { nearest } from '../util/nearest.js'
import { countExpansion } from './brace-expansion.js'
import { type Scenario, ScenarioSchema } from './schema.js'
import { describeBlockstore, parseStorageUri } from '../emulator/blockstore.js'

/** Generated objects one scenario may declare: enough for a million-object import, not unbounded. */
export const MAX_GENERATED_OBJECTS = 5_000_000

export class ScenarioError extends Error {
  override name = 'ScenarioError'
  constructor(
    readonly source: string,
    readonly problems: readonly { path: string; message: string }[]
  ) {
    super(
      `[lakefs-emulator] Invalid scenario "${source}":\n` +
        problems.map((p) => `  at ${p.path}: ${p.message}`).join('\n')
    )
  }
}

export interface ParseOptions {
  /** The operationIds fault rules may name (the served route table's); unchecked when absent. */
  readonly operations?: readonly string[]
  /** Most objects the generate patterns may make in all (MAX_GENERATED_OBJECTS unless raised). */
  readonly maxGeneratedObjects?: number
}

/**
 * Validates parsed JSON as a scenario; `source` names it in errors (a file path, or "request body").
 * Every problem is reported at once: the schema's, then fault rules naming operations not served.
 */
export function parseScenario(data: unknown, source: string, { operations, maxGeneratedObjects = MAX_GENERATED_OBJECTS }: ParseOptions = {}): Scenario {
  const result = ScenarioSchema.safeParse(data)
  const unserved = operations ? unservedOperations(faultsIn(data), operations) : []
  if (!result.success || unserved.length) throw new ScenarioError(source, [...(result.success ? [] : zodProblems(result.error)), ...unserved])
  const inconsistent = consistencyProblems(result.data)
  if (inconsistent.length) throw new ScenarioError(source, inconsistent)
  checkGeneratedCount(result.data, source, maxGeneratedObjects)
  return result.data
}

/**
 * What the schema lets through and lakeFS or the shell would not: a brace left open in a key pattern
 * (the shell takes it literally, which is never what was meant), a storage namespace without a
 * scheme, and one of another blockstore than the file declares (lakeFS refuses both at creation).
 */
function consistencyProblems(scenario: Scenario): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = []
  for (const [i, g] of (scenario.store?.generate ?? []).entries()) {
    for (const [j, key] of g.keys.entries()) {
      let depth = 0
      for (const c of key) {
        depth += c === '{' ? 1 : c === '}' ? -1 : 0
        if (depth < 0) break
      }
      if (depth !== 0) problems.push({ path: `$.store.generate[${i}].keys[${j}]`, message: `unbalanced braces in ${JSON.stringify(key)}: every { needs its }` })
    }
  }
  const declared = scenario.blockstore?.type
  for (const [i, r] of (scenario.repositories ?? []).entries()) {
    const uri = parseStorageUri(r.storageNamespace)
    const path = `$.repositories[${i}].storageNamespace`
    if (!uri) problems.push({ path, message: `expected a namespace URI with a scheme (s3://, gs://, https://<account>.blob.core.windows.net/<container>, local://), got ${JSON.stringify(r.storageNamespace)}` })
    else if (declared && uri.type !== declared) problems.push({ path, message: `a ${uri.type} namespace on a ${declared} blockstore: lakeFS refuses it (expected ${describeBlockstore({ type: declared, importEnabled: false, importHidden: false }).defaultNamespacePrefix}...)` })
  }
  return problems
}

/** The fault rules of raw scenario JSON that name operations, whatever else is wrong with them. */
function faultsIn(data: unknown): FaultRule[] {
  const faults = (data as { faults?: unknown } | null)?.faults
  if (!Array.isArray(faults)) return []
  return faults.map((f: unknown) => {
    const op = (f as { operation?: unknown } | null)?.operation
    const named = typeof op === 'string' || (Array.isArray(op) && op.every((o) => typeof o === 'string'))
    return (named ? { operation: op } : {}) as FaultRule
  })
}

export function loadScenarioFile(file: string, options: ParseOptions = {}): Scenario {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (err) {
    throw new ScenarioError(file, [{ path: '$', message: `cannot read file (${(err as Error).message})` }])
  }
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch (err) {
    throw new ScenarioError(file, [{ path: '$', message: `expected JSON: ${jsonProblem(text, (err as Error).message)}` }])
  }
  return parseScenario(data, file, options)
}

/** A JSON.parse message with the line and column of the position it names (1-based). */
export function jsonProblem(text: string, message: string): string {
  const at = /at position (\d+)/.exec(message)
  if (!at || /line \d+ column \d+/.test(message)) return message
  const before = text.slice(0, Number(at[1]))
  const line = before.split('\n').length
  const column = before.length - before.lastIndexOf('\n')
  return `${message} (line ${line}, column ${column})`
}

/**
 * Throws a ScenarioError naming each fault rule's operation the emulator does not serve (`served`:
 * the route table's operationIds, which the scenario layer does not know by itself).
 */
export function checkOperations(scenario: Scenario, served: readonly string[], source: string): Scenario {
  const problems = unservedOperations(scenario.faults ?? [], served)
  if (problems.length) throw new ScenarioError(source, problems)
  return scenario
}

/** Scenarios given later add to earlier ones: lists are concatenated, settings overridden. */
export function mergeScenarios(scenarios: readonly Scenario[]): Scenario {
  const out: Scenario = {}
  for (const s of scenarios) {
    const { credentials, store, repositories, faults, import: pacing, compat, clock, blockstore, actions, ...scalars } = s
    Object.assign(out, scalars)
    // Only keys some scenario set appear, so the merge of one scenario is that scenario.
    if (blockstore) out.blockstore = blockstore
    if (pacing) out.import = { ...out.import, ...pacing }
    if (compat) out.compat = { ...out.compat, ...compat }
    if (clock) out.clock = { ...out.clock, ...clock }
    if (credentials) out.credentials = [...(out.credentials ?? []), ...credentials]
    if (repositories) out.repositories = [...(out.repositories ?? []), ...repositories]
    if (faults) out.faults = [...(out.faults ?? []), ...faults]
    if (actions) out.actions = { env: { ...out.actions?.env, ...actions.env } }
    if (store) {
      out.store = {
        buckets: [...(out.store?.buckets ?? []), ...(store.buckets ?? [])],
        objects: [...(out.store?.objects ?? []), ...(store.objects ?? [])],
        generate: [...(out.store?.generate ?? []), ...(store.generate ?? [])],
      }
    }
  }
  return out
}

function checkGeneratedCount(s: Scenario, source: string, limit: number): void {
  let total = 0
  s.store?.generate?.forEach((g, gi) =>
    g.keys.forEach((k, ki) => {
      total += countExpansion(k)
      if (total > limit) {
        throw new ScenarioError(source, [
          {
            path: `$.store.generate[${gi}].keys[${ki}]`,
            message: `expected at most ${limit} generated objects in all (--max-generated-objects raises it), but the patterns so far produce ${total}`,
          },
        ])
      }
    })
  )
}

function zodProblems(error: ZodError): { path: string; message: string }[] {
  return error.issues.map((issue) => ({
    path: jsonPath(issue.path),
    message: issueMessage(issue),
  }))
}

/** `Unrecognized key: "repositorys"; did you mean "repositories"?`, the nearest of the keys allowed there. */
function unknownKeys(keys: readonly string[], allowed: readonly string[]): string {
  return keys
    .map((key) => {
      const near = nearest(key, allowed)
      return `Unrecognized key: "${key}"${near ? `; did you mean "${near}"?` : allowed.length ? `; expected one of ${allowed.join(', ')}` : ''}`
    })
    .join('; ')
}

/** The keys the scenario schema allows at a JSON path (none where a union or record makes it unclear). */
function keysAt(path: readonly PropertyKey[]): string[] {
  type Node = { shape?: Record<string, unknown>; element?: unknown; _zod?: { def?: { innerType?: unknown; in?: unknown } } }
  const unwrap = (node: unknown): Node | undefined => {
    let n = node as Node | undefined
    for (let i = 0; i < 10 && n && !n.shape && !n.element; i++) n = (n._zod?.def?.innerType ?? n._zod?.def?.in) as Node | undefined
    return n
  }
  let node = unwrap(ScenarioSchema)
  for (const segment of path) {
    node = unwrap(typeof segment === 'number' ? node?.element : node?.shape?.[segment as string])
    if (!node) return []
  }
  return node?.shape ? Object.keys(node.shape) : []
}

/**
 * zod's text for an issue, said plainly: "Invalid input" for a value no alternative of a union took
 * becomes what each alternative expected ("expected number, or an object, received string").
 */
function issueMessage(issue: ZodError['issues'][number]): string {
  const text = issue.message.replace(/^Invalid input: /, '')
  if (issue.code === 'unrecognized_keys') return unknownKeys(issue.keys, keysAt(issue.path))
  if (issue.code !== 'invalid_union' || !('errors' in issue)) return text
  const branches = (issue.errors as { code: string; expected?: string; message: string }[][]).map((branch) => branch[0]).filter((b) => b !== undefined)
  const expected = [...new Set(branches.map((b) => (b.code === 'invalid_type' && b.expected ? b.expected : undefined)).filter(Boolean))]
  const received = /received (\w+)/.exec(branches.find((b) => b.code === 'invalid_type')?.message ?? '')?.[1]
  if (!expected.length || !received) return text
  return `expected ${expected.join(' or ')}, received ${received}`
}
