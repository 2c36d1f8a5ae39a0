/**
 * Decides, call by call, which fault rules fire. Counters and random draws are per rule, so a
 * rule's behaviour depends only on the calls it matches, and a seed replays a run exactly.
 */
import type { Clock } from '../emulator/clock.js'
import type { ImportEffect, ImportHooks, ImportStart } from '../emulator/import/import-effects.js'
import { SeededRandom } from '../emulator/random.js'
import type { FaultRule } from './fault-schema.js'

/** One lakeFS call as the rules see it. */
export interface FaultCall {
  readonly operationId: string
  readonly method: string
  readonly repository?: string
  readonly branch?: string
  /** S3 front doors: the bucket named. */
  readonly bucket?: string
}

export type FaultResponse = NonNullable<FaultRule['respond']>

/** What the HTTP layer must do for one call. */
export interface HttpFaultDecision {
  /** Names of the rules that fired, in order. */
  readonly fired: readonly string[]
  /** Total delay (emulator ms) before answering. */
  readonly delayMs: number
  /** Set when a rule answers instead of the handler. */
  readonly respond?: FaultResponse
  readonly dropConnection?: boolean
}

/** A rule's counters, for the control API. */
export interface RuleStats {
  readonly name: string
  readonly matched: number
  readonly fired: number
}

class CompiledRule {
  readonly name: string
  matched = 0
  fired = 0
  readonly #random: SeededRandom
  readonly #operations: readonly string[] | '*'

  constructor(
    readonly rule: FaultRule,
    index: number,
    seed: number
  ) {
    this.name = rule.name ?? `faults[${index}]`
    this.#operations = rule.operation === '*' ? '*' : [rule.operation ?? 'importStart'].flat()
    // Each rule draws from its own stream, so adding a rule never changes another's draws.
    this.#random = new SeededRandom((seed ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0)
  }

  get isImportRule(): boolean {
    return this.rule.import !== undefined
  }

  matches(call: FaultCall): boolean {
    const r = this.rule
    if (this.#operations !== '*' && !this.#operations.includes(call.operationId)) return false
    if (r.method !== undefined && r.method !== call.method) return false
    if (r.repository !== undefined && r.repository !== call.repository) return false
    if (r.branch !== undefined && r.branch !== call.branch) return false
    if (r.bucket !== undefined && r.bucket !== call.bucket) return false
    return true
  }

  /** Counts a matching call and says whether the rule fires on it. */
  trigger(elapsedMs: number): boolean {
    const r = this.rule
    const n = ++this.matched
    // Drawn for every matching call, so call n's outcome does not depend on the other triggers.
    const draw = r.probability === undefined ? 0 : this.#random.fraction()
    const fires =
      (r.calls === undefined || r.calls.includes(n)) &&
      (r.after === undefined || n >= r.after) &&
      (r.every === undefined || n % r.every === 0) &&
      (r.times === undefined || this.fired < r.times) &&
      (r.probability === undefined || draw < r.probability) &&
      (r.window?.fromMs === undefined || elapsedMs >= r.window.fromMs) &&
      (r.window?.untilMs === undefined || elapsedMs < r.window.untilMs)
    if (fires) this.fired++
    return fires
  }

  delay(): number {
    const d = this.rule.delayMs
    if (d === undefined) return 0
    if (typeof d === 'number') return d
    return d.min + this.#random.int(d.max - d.min + 1)
  }
}

export class FaultEngine implements ImportHooks {
  readonly #rules: CompiledRule[]
  constructor(
    rules: readonly FaultRule[],
    seed: number,
    private readonly clock: Clock,
    private readonly startMs: number
  ) {
    this.#rules = rules.map((rule, i) => new CompiledRule(rule, i, seed))
    this.hasHttpRules = this.#rules.some((r) => !r.isImportRule)
  }

  /** False when no rule can act on an HTTP call, so the middleware can skip every request cheaply. */
  readonly hasHttpRules: boolean

  /** Runs the HTTP rules in order; the first that answers (or drops) ends the evaluation. */
  evaluate(call: FaultCall): HttpFaultDecision {
    const fired: string[] = []
    let delayMs = 0
    const elapsed = this.clock.now() - this.startMs
    for (const rule of this.#rules) {
      if (rule.isImportRule || !rule.matches(call) || !rule.trigger(elapsed)) continue
      fired.push(rule.name)
      delayMs += rule.delay()
      const { respond, dropConnection } = rule.rule
      if (respond || dropConnection) return { fired, delayMs, respond, dropConnection }
    }
    return { fired, delayMs }
  }

  /** ImportHooks: the effects of every import rule that fires on this start. */
  effectsFor(start: ImportStart): ImportEffect[] {
    const call = { operationId: 'importStart', method: 'POST', repository: start.repository, branch: start.branch }
    const effects: ImportEffect[] = []
    for (const rule of this.#rules) {
      const spec = rule.rule.import
      if (!spec || !rule.matches(call) || !rule.trigger(start.time - this.startMs)) continue
      const name = rule.name
      if (spec.stall) effects.push({ kind: 'stall', rule: name, ...spec.stall })
      if (spec.crash) effects.push({ kind: 'crash', rule: name, ...spec.crash })
      if (spec.throttle) effects.push({ kind: 'throttle', rule: name, ...spec.throttle })
      if (spec.fail) effects.push({ kind: 'fail', rule: name, atObjects: spec.fail.atObjects, message: spec.fail.message ?? `injected failure (fault rule "${name}")` })
      if (spec.conflict) effects.push({ kind: 'conflict', rule: name, conflict: spec.conflict })
    }
    return effects
  }

  stats(): RuleStats[] {
    return this.#rules.map((r) => ({ name: r.name, matched: r.matched, fired: r.fired }))
  }
}
