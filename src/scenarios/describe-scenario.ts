/**
 * What a scenario would load, in lines for people (`lakefs-emulator validate`): objects per
 * prefix, repositories and their branches, credentials (key ids only), pacing and fault rules.
 */
import { countExpansion } from './brace-expansion.js'
import type { FaultRule } from './fault-schema.js'
import type { Scenario } from './schema.js'
import { withThousands } from '../util/numbers.js'

const n = withThousands

export function describeScenario(s: Scenario): string[] {
  const lines: string[] = []
  if (s.name || s.description) lines.push(`${s.name ?? '(unnamed)'}${s.description ? `: ${s.description}` : ''}`)
  const settings = [
    `seed ${s.seed ?? 0}`,
    `blockstore ${s.blockstore?.type ?? 's3'}`,
    `clock ${s.clock?.mode ?? 'real'}${s.clock?.speed ? ` ×${s.clock.speed}` : ''}${s.clock?.start ? ` from ${s.clock.start}` : ''}`,
    `import pace ${s.import?.objectsPerSecond ? `${n(s.import.objectsPerSecond)} objects/s` : 'unpaced'}, status every ${s.import?.statusIntervalMs ?? 1000} ms`,
  ]
  lines.push(settings.join('; '))

  const prefixes = objectsPerPrefix(s)
  lines.push(`objects: ${n(scenarioObjects(s))} in the fake store`)
  const width = Math.max(0, ...[...prefixes.keys()].map((p) => p.length))
  for (const [prefix, count] of prefixes) lines.push(`  ${prefix.padEnd(width)}  ${n(count).padStart(10)}`)

  const repos = s.repositories ?? []
  lines.push(`repositories: ${repos.length || 'none'}`)
  for (const r of repos) {
    const branches = [r.defaultBranch ?? 'main', ...(r.branches ?? []).map((b) => (b.uncommitted?.length ? `${b.name} (${b.uncommitted.length} uncommitted)` : b.name))]
    lines.push(`  ${r.name}  ${r.storageNamespace}${r.readOnly ? ' (read-only)' : ''}  branches: ${branches.join(', ')}`)
  }
  const keys = s.credentials?.map((c) => `${c.accessKeyId} (${c.user})`) ?? []
  lines.push(`credentials: ${keys.length ? keys.join(', ') : "lakeFS quickstart's"}`)

  const rules = s.faults ?? []
  lines.push(`fault rules: ${rules.length || 'none'}`)
  rules.forEach((rule, i) => lines.push(`  ${rule.name ?? `faults[${i}]`}: ${describeRule(rule)}`))
  return lines
}

/** Declared objects per prefix: a generated set's own prefix, a put object's folder. */
/** Objects the scenario puts or generates in the fake store (staged uploads add to the store after). */
export function scenarioObjects(s: Scenario): number {
  return [...objectsPerPrefix(s).values()].reduce((a, b) => a + b, 0)
}

function objectsPerPrefix(s: Scenario): Map<string, number> {
  const out = new Map<string, number>()
  const add = (prefix: string, count: number) => out.set(prefix, (out.get(prefix) ?? 0) + count)
  for (const o of s.store?.objects ?? []) add(o.uri.slice(0, o.uri.lastIndexOf('/') + 1), 1)
  for (const g of s.store?.generate ?? []) add(g.prefix, g.keys.reduce((sum, k) => sum + countExpansion(k), 0))
  return new Map([...out].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
}

/** One line for a fault rule: what it targets, what it does, and when. */
export function describeRule(rule: FaultRule): string {
  const target = rule.import ? 'importStart' : [rule.operation ?? '*'].flat().join(', ')
  const scope = [rule.method, rule.repository && `repository ${rule.repository}`, rule.branch && `branch ${rule.branch}`].filter(Boolean)
  const when = [
    rule.calls && `calls ${rule.calls.join(', ')}`,
    rule.after && `from call ${rule.after}`,
    rule.every && `every ${rule.every} calls`,
    rule.times && (rule.times === 1 ? 'once at most' : `at most ${rule.times} times`),
    rule.probability !== undefined && `probability ${rule.probability}`,
    rule.window && `between ${rule.window.fromMs ?? 0} and ${rule.window.untilMs ?? '∞'} ms`,
  ].filter(Boolean)
  const effects: string[] = []
  const delay = rule.delayMs
  if (delay !== undefined) effects.push(typeof delay === 'number' ? `delay ${delay} ms` : `delay ${delay.min}-${delay.max} ms`)
  if (rule.respond) effects.push(`respond ${rule.respond.status}${rule.respond.message ? ` "${rule.respond.message}"` : ''}`)
  if (rule.dropConnection) effects.push('drop the connection')
  const imp = rule.import
  if (imp?.stall) effects.push(`stall at ${n(imp.stall.atObjects)} objects${imp.stall.forMs ? ` for ${imp.stall.forMs} ms` : ' until cancelled'}`)
  if (imp?.crash) effects.push(`lakeFS dies at ${n(imp.crash.atObjects)} objects (status frozen)`)
  if (imp?.fail) effects.push(`fail at ${n(imp.fail.atObjects)} objects`)
  if (imp?.throttle) effects.push(`${n(imp.throttle.objectsPerSecond)} objects/s from ${n(imp.throttle.atObjects)} objects`)
  if (imp?.conflict) effects.push(`${imp.conflict} before commit`)
  return `${target}${scope.length ? ` (${scope.join(', ')})` : ''} → ${effects.join(', ')}${when.length ? `; ${when.join(', ')}` : ''}`
}
