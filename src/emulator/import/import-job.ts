/**
 * One import: a state machine driven by emulator time. Work (walk, build ranges) is paced by
 * `objectsPerSecond`; what clients see is published at status ticks, as lakeFS's status updater
 * writes its KV record once a second. The commit lands at the tick that publishes completion,
 * so a cancel either beats the commit (204, nothing committed) or sees `completed` (409).
 */
import { errors } from '../errors.js'
import { IdentityOffload } from './identity-offload.js'
import { type AppliedEffect, thresholdOrder } from './import-effects.js'
import type { ImportJobOptions, ImportState, ImportStatusRecord, Phase, StepResult } from './import-job-types.js'
import type { BuiltTree } from './import-landing.js'
import { ImportPace } from './import-pace.js'
import { SourceWalker } from './import-walk.js'

/** Records the tree builder handles between yields: about a millisecond of work. */
export const BUILD_SLICE = 512

export type { ImportJobOptions, ImportState, ImportStatusRecord, StepResult } from './import-job-types.js'

export class ImportJob {
  readonly id: string
  #status: ImportStatusRecord
  #phase: Phase = { name: 'walk' }
  #walked = 0
  #nextTick: number
  readonly #pace: ImportPace
  /** Every effect given to this job, with when it fired. */
  readonly effects: readonly AppliedEffect[]
  /** Object-count effects not yet fired, soonest first. */
  readonly #pending: AppliedEffect[]
  /** The identities stage: digests made on the hasher thread while the walk goes on. */
  #identities?: IdentityOffload
  #expected?: number

  constructor(readonly options: ImportJobOptions) {
    this.id = options.id
    this.#status = { completed: false, updateTime: options.startTime, ingestedObjects: 0 }
    this.#nextTick = options.startTime + options.pacing.statusIntervalMs
    this.#pace = new ImportPace(options.startTime, options.pacing.objectsPerSecond)
    this.effects = (options.effects ?? []).map((effect) => ({ effect }))
    this.#pending = thresholdOrder(this.effects)
    
  }

  /** Running until the phase says how it ended; a dead process's import stays running for ever. */
  get state(): ImportState {
    return this.#phase.name === 'over' ? this.#phase.outcome : 'running'
  }

  /** Objects walked so far (clients see this only at status ticks). */
  get walked(): number {
    return this.#walked
  }

  /**
   * About how many objects the walk visits in all (for progress bars; lakeFS itself never knows):
   * the store's count once its index allows, exactly the objects walked once the walk is done.
   */
  get expectedObjects(): number | undefined {
    const phase = this.#phase
    if (phase.name === 'walk' && phase.walker) this.#expected ??= phase.walker.estimate()
    return this.#expected
  }

  /** Where the work stands: walk, build, ready, over... (for diagnostics and the benchmark). */
  get phaseName(): string {
    return this.#phase.name
  }

  get status(): ImportStatusRecord {
    return this.#status
  }

  /**
   * Takes up a record saved by an earlier process: a finished import as it ended; a running one as
   * lakeFS leaves an import whose process died (no more work, the record as its last tick wrote it).
   */
  restore(saved: { readonly status: ImportStatusRecord; readonly state: ImportState; readonly walked: number }): void {
    this.#status = saved.status
    this.#walked = saved.walked
    this.#expected = saved.state === 'running' ? undefined : saved.walked
    this.#phase = saved.state === 'running' ? { name: 'dead' } : { name: 'over', outcome: saved.state }
  }

  /**
   * Cancel as lakeFS does: unconditional unless the stored status says completed, in which case
   * 409. The error becomes `Canceled` and update_time now; no further work or publishing.
   */
  cancel(now: number): void {
    if (this.#status.completed) throw errors.conflictFound()
    this.#status = { ...this.#status, error: 'Canceled', updateTime: now }
    this.#phase = { name: 'over', outcome: 'canceled' }
  }

  /**
   * Advances the job to `now`, doing at most `budget` objects of work. Ticks are processed in
   * time order, each after the work its time allows, so results do not depend on slicing.
   */
  step(now: number, budget: number): StepResult {
    if (this.state !== 'running') return { kind: 'done' }
    const interval = this.options.pacing.statusIntervalMs
    for (;;) {
      const horizon = interval > 0 ? Math.min(this.#nextTick, now) : now
      const worked = this.#work(horizon, budget)
      budget -= worked.spent
      if (worked.blocked) return { kind: 'blocked' }
      if (!worked.caughtUp) return { kind: 'more' }
      // Work is only seen at ticks, so a paced job sleeps until the next one.
      if (interval > 0 && this.#nextTick > now) return { kind: 'wait', until: this.#nextTick }
      const at = interval > 0 ? this.#nextTick : now
      // A dead process writes nothing more: the record stays as the last tick left it.
      if (this.#phase.name === 'dead') return { kind: 'wait', until: Infinity }
      // A stalled walker does not stop the status updater (import.go importStatusAsync): the
      // tick writes the count reached, with a new update_time.
      this.#publish(at)
      if (this.state !== 'running') return { kind: 'done' }
      if (interval === 0) {
        return worked.nextWorkAt === undefined ? { kind: 'more' } : { kind: 'wait', until: worked.nextWorkAt }
      }
      this.#nextTick += interval
      if (budget <= 0) return { kind: 'more' }
    }
  }

  /**
   * Does work up to what time `t` allows. `caughtUp` is false when the budget ran out first;
   * `nextWorkAt` is when the pace next allows an object (undefined when not waiting on pace).
   */
  #work(t: number, budget: number): { spent: number; caughtUp: boolean; nextWorkAt?: number; blocked?: boolean } {
    let spent = 0
    const gate = this.#phase
    if (gate.name === 'gating') {
      if (!gate.outcome) return { spent, caughtUp: false, blocked: true }
      this.#phase = gate.outcome.error === undefined ? { name: 'ready', tree: gate.tree, gated: true } : { name: 'failed', error: gate.outcome.error }
    }
    try {
      while (this.#phase.name === 'walk' || this.#phase.name === 'build') {
        if (spent >= budget) return { spent, caughtUp: false }
        if (this.#phase.name === 'walk') {
          const walker = (this.#phase.walker ??= this.#walker())
          const due = this.#pending[0]
          const dueAt = due && 'atObjects' in due.effect ? due.effect.atObjects : Infinity
          if (dueAt <= this.#walked) {
            this.#pending.shift()
            this.#fire(due!, this.#pace.timeFor(this.#walked, t))
            continue
          }
          if (walker.done) {
            this.#identities?.flush()
            // The build does not wait for batches still on the hasher: it hashes inline what has not
            // come back when it gets there (the same digest), rather than idle.
            this.#expected = this.#walked
            this.#phase = { name: 'build', work: this.options.landing.buildTree(walker.results(), this.#walked) }
            continue
          }
          const allowed = this.#pace.allowed(t, this.#walked) - this.#walked
          if (allowed <= 0) {
            return { spent, caughtUp: true, nextWorkAt: this.#pace.timeFor(this.#walked + 1, t) }
          }
          const n = walker.step(Math.min(allowed, budget - spent, dueAt - this.#walked))
          if (n < 0) return { spent: budget, caughtUp: false }
          this.#walked += n
          spent += n
          this.#identities?.add(this.#walked)
        } else {
          const next = this.#phase.work.next()
          spent += BUILD_SLICE
          if (next.done) this.#phase = { name: 'ready', tree: next.value }
        }
      }
    } catch (err) {
      // Anything that goes wrong in the background is reported through status, as lakeFS does.
      this.#phase = { name: 'failed', error: failureText(err) }
    }
    return { spent, caughtUp: true }
  }

  #walker(): SourceWalker {
    const walker = new SourceWalker(this.options.store, this.options.blockstore, this.options.request.paths)
    this.#identities = new IdentityOffload(this.options.hasher, walker.log)
    return walker
  }

  /** Applies an object-count effect that took hold at emulator time `at`. */
  #fire(applied: AppliedEffect, at: number): void {
    const effect = applied.effect
    applied.firedAt = at
    if (effect.kind === 'stall') applied.endsAt = this.#pace.stall(at, effect.forMs, this.#walked)
    else if (effect.kind === 'throttle') this.#pace.throttle(at, effect.objectsPerSecond, this.#walked)
    else if (effect.kind === 'fail') this.#phase = { name: 'failed', error: effect.message }
    else if (effect.kind === 'crash') this.#phase = { name: 'dead' }
  }

  /**
   * Starts the pre-commit hooks when there are any (true): the job then waits for their answer,
   * and commits at the tick after it or fails with their text.
   */
  #gate(tree: BuiltTree, at: number): boolean {
    let pending: Promise<string | undefined> | undefined
    try {
      pending = this.options.landing.preCommit?.()
    } catch (err) {
      this.#phase = { name: 'failed', error: failureText(err) }
      return false
    }
    if (!pending) {
      this.#phase = { name: 'ready', tree, gated: true }
      return false
    }
    const gating: Phase & { name: 'gating' } = { name: 'gating', tree }
    this.#phase = gating
    pending.then(
      (error) => (gating.outcome = { error }),
      (err: unknown) => (gating.outcome = { error: failureText(err) })
    ).finally(() => this.options.onOffloadedWork?.())
    return true
  }

  /** Conflict effects act just before the commit, at the status write that would land it. */
  #applyConflicts(at: number): void {
    for (const applied of this.effects) {
      if (applied.effect.kind !== 'conflict' || applied.firedAt !== undefined) continue
      applied.firedAt = at
      this.options.landing.conflict(applied.effect.conflict, applied.effect.rule)
    }
  }

  /** One status write, at emulator time `at`. */
  #publish(at: number): void {
    const built = this.#phase
    if (built.name === 'ready' && !built.gated && this.#gate(built.tree, at)) {
      this.#status = { completed: false, updateTime: at, ingestedObjects: this.#walked }
      return
    }
    const phase = this.#phase
    if (phase.name === 'ready') {
      try {
        this.#applyConflicts(at)
        const commit = this.options.landing.commit(phase.tree, at)
        this.options.landing.postCommit?.(commit)
        this.#status = {
          completed: true,
          updateTime: at,
          ingestedObjects: this.#walked,
          metaRangeId: commit.metaRangeId,
          commit,
        }
        this.#phase = { name: 'over', outcome: 'completed' }
        return
      } catch (err) {
        this.#phase = { name: 'failed', error: failureText(err) }
      }
    }
    if (this.#phase.name === 'failed') {
      this.#status = {
        completed: this.options.compat.failedImport === 'completed',
        updateTime: at,
        ingestedObjects: this.#walked,
        error: this.#phase.error,
      }
      this.#phase = { name: 'over', outcome: 'failed' }
      return
    }
    this.#status = { completed: false, updateTime: at, ingestedObjects: this.#walked }
  }
}


function failureText(err: unknown): string {
  return err instanceof Error ? err.message : String(err)
}
