/** Reading and validating scenario files; errors name the file, the JSON path and what was expected. */
import { readFileSync } from 'node:fs'
import type { ZodError } from 'zod'
import { jsonPath } from '../util/json-path.js'
import { countExpansion } from './brace-expansion.js'
import { type Scenario, ScenarioSchema } from './schema.js'

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

/** Validates parsed JSON as a scenario; `source` names it in errors (a file path, or "request body"). */
export function parseScenario(data: unknown, source: string): Scenario {
  const result = ScenarioSchema.safeParse(data)
  if (!result.success) throw new ScenarioError(source, zodProblems(result.error))
  checkGeneratedCount(result.data, source)
  return result.data
}

export function loadScenarioFile(file: string): Scenario {
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
    throw new ScenarioError(file, [{ path: '$', message: `expected JSON: ${(err as Error).message}` }])
  }
  return parseScenario(data, file)
}

/** Scenarios given later add to earlier ones: lists are concatenated, settings overridden. */
export function mergeScenarios(scenarios: readonly Scenario[]): Scenario {
  const out: Scenario = {}
  for (const s of scenarios) {
    const { credentials, store, repositories, faults, import: pacing, compat, clock, blockstore, ...scalars } = s
    Object.assign(out, scalars)
    // Only keys some scenario set appear, so the merge of one scenario is that scenario.
    if (blockstore) out.blockstore = blockstore
    if (pacing) out.import = { ...out.import, ...pacing }
    if (compat) out.compat = { ...out.compat, ...compat }
    if (clock) out.clock = { ...out.clock, ...clock }
    if (credentials) out.credentials = [...(out.credentials ?? []), ...credentials]
    if (repositories) out.repositories = [...(out.repositories ?? []), ...repositories]
    if (faults) out.faults = [...(out.faults ?? []), ...faults]
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

function checkGeneratedCount(s: Scenario, source: string): void {
  let total = 0
  s.store?.generate?.forEach((g, gi) =>
    g.keys.forEach((k, ki) => {
      total += countExpansion(k)
      if (total > MAX_GENERATED_OBJECTS) {
        throw new ScenarioError(source, [
          {
            path: `$.store.generate[${gi}].keys[${ki}]`,
            message: `expected at most ${MAX_GENERATED_OBJECTS} generated objects in all, but the patterns so far produce ${total}`,
          },
        ])
      }
    })
  )
}

function zodProblems(error: ZodError): { path: string; message: string }[] {
  return error.issues.map((issue) => ({
    path: jsonPath(issue.path),
    message: issue.message,
  }))
}
