/**
 * One import: a state machine driven by emulator time. Work (walk, build ranges) is paced by
 * `objectsPerSecond`; what clients see is published at status ticks, as lakeFS's status updater
 * writes its KV record once a second. The commit lands at the tick that publishes completion,
 * so a cancel either beats the commit (204, nothing committed) or sees `completed` (409).
 */
import type { Commit } from './commit.js'
import { errors } from './errors.js'
import { SourceWalker } from './import-walk.js'
import type { ImportCompat, ImportPacing, ImportRequest } from './import-request.js'
import type { EntryRecord, MetaRange } from './metarange.js'
import type { ObjectStore } from '../fakestore/object-store.js'
import type { BlockstoreSettings } from './blockstore.js'
import { type AppliedEffect, type ConflictKind, type ImportEffect, thresholdOrder } from './import-effects.js'
import { ImportPace } from './import-pace.js'

/** Records the tree builder handles between yields: about a millisecond of work. */
export const BUILD_SLICE = 512

export type ImportState = 'running' | 'completed' | 'failed' | 'canceled'

/** The status record clients read (graveler.ImportStatus). */
export interface ImportStatusRecord {
  readonly completed: boolean
  /** Epoch milliseconds. */
  readonly updateTime: number
  readonly ingestedObjects: number
  readonly metaRangeId?: string
  readonly commit?: Commit
  /** Stored error text; clients see it prefixed with `import error: `. */
  readonly error?: string
}

/** Where the job lands its result; the emulator implements it over the repository. */
export interface ImportTarget {
  /** Builds the branch's new tree from its current head, yielding between slices of work. */
  buildTree(job: ImportJob, records: ImportRecords): Generator<void, BuiltTree>
  /** Commits a built tree at `atMs` (rebuilding first if the head moved); throws to fail. */
  commit(job: ImportJob, tree: BuiltTree, atMs: number): Commit
  /** Changes the job's branch behind its back (a conflict effect). */
  conflict(job: ImportJob, kind: ConflictKind, rule: string): void
}

/** What the walk found: per source, records sorted by key. */
export type ImportRecords = readonly (readonly EntryRecord[])[]
export interface BuiltTree {
  readonly baseCommitId: string
  readonly metaRange: MetaRange
  readonly records: ImportRecords
}

export interface ImportJobOptions {
  readonly id: string
  readonly repository: string
  readonly branch: string
  readonly user: string
  readonly request: ImportRequest
  readonly startTime: number
  readonly pacing: ImportPacing
  readonly compat: ImportCompat
  readonly store: ObjectStore
  readonly blockstore: BlockstoreSettings
  readonly target: ImportTarget
  /** Misbehaviour to apply as the job runs (from scenario fault rules). */
  readonly effects?: readonly ImportEffect[]
}

/** What one slice of work asks of the runner next. */
export type StepResult =
  | { readonly kind: 'more' }
  | { readonly kind: 'wait'; readonly until: number }
  | { readonly kind: 'done' }

type Phase =
  | { name: 'walk'; walker?: SourceWalker }
  | { name: 'build'; work: Generator<void, BuiltTree> }
  | { name: 'ready'; tree: BuiltTree }
  | { name: 'failed'; error: string }
  /** Finished one way or another: the walk's records and the built tree are let go. */
  | { name: 'over' }

export class ImportJob {
  readonly id: string
  state: ImportState = 'running'
  #status: ImportStatusRecord
  #phase: Phase = { name: 'walk' }
  #walked = 0
  #nextTick: number
  readonly #pace: ImportPace
  /** Every effect given to this job, with when it fired. */
  readonly effects: readonly AppliedEffect[]
  /** Object-count effects not yet fired, soonest first. */
  readonly #pending: AppliedEffect[]

  constructor(readonly options: ImportJobOptions) {
    this.id = options.id
    this.#status = { completed: false, updateTime: options.startTime, ingestedObjects: 0 }
    this.#nextTick = options.startTime + options.pacing.statusIntervalMs
    this.#pace = new ImportPace(options.startTime, options.pacing.objectsPerSecond)
    this.effects = (options.effects ?? []).map((effect) => ({ effect }))
    this.#pending = thresholdOrder(this.effects)
  }

  /** Objects walked so far (clients see this only at status ticks). */
  get walked(): number {
    return this.#walked
  }

  /** Where the work stands: walk, build, ready, over... (for diagnostics and the benchmark). */
  get phaseName(): string {
    return this.#phase.name
  }

  get status(): ImportStatusRecord {
    return this.#status
  }

  /**
   * Cancel as lakeFS does: unconditional unless the stored status says completed, in which case
   * 409. The error becomes `Canceled` and update_time now; no further work or publishing.
   */
  cancel(now: number): void {
    if (this.#status.completed) throw errors.conflictFound()
    this.state = 'canceled'
    this.#status = { ...this.#status, error: 'Canceled', updateTime: now }
    this.#phase = { name: 'over' }
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
      if (!worked.caughtUp) return { kind: 'more' }
      // Work is only seen at ticks, so a paced job sleeps until the next one.
      if (interval > 0 && this.#nextTick > now) return { kind: 'wait', until: this.#nextTick }
      const at = interval > 0 ? this.#nextTick : now
      if (this.#pace.stalledAt(at)) {
        // A stalled import writes no status: progress and update_time freeze until it resumes.
        const end = this.#pace.stallEnd()
        if (end === Infinity) return { kind: 'wait', until: Infinity }
        if (interval === 0) return { kind: 'wait', until: end }
        this.#nextTick += Math.ceil((end - this.#nextTick) / interval) * interval
        continue
      }
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
  #work(t: number, budget: number): { spent: number; caughtUp: boolean; nextWorkAt?: number } {
    let spent = 0
    try {
      while (this.#phase.name === 'walk' || this.#phase.name === 'build') {
        if (spent >= budget) return { spent, caughtUp: false }
        if (this.#phase.name === 'walk') {
          const walker = (this.#phase.walker ??= new SourceWalker(
            this.options.store,
            this.options.blockstore,
            this.options.request.paths
          ))
          const due = this.#pending[0]
          const dueAt = due && 'atObjects' in due.effect ? due.effect.atObjects : Infinity
          if (dueAt <= this.#walked) {
            this.#pending.shift()
            this.#fire(due!, this.#pace.timeFor(this.#walked, t))
            continue
          }
          if (walker.done) {
            this.#phase = { name: 'build', work: this.options.target.buildTree(this, walker.results) }
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

  /** Applies an object-count effect that took hold at emulator time `at`. */
  #fire(applied: AppliedEffect, at: number): void {
    const effect = applied.effect
    applied.firedAt = at
    if (effect.kind === 'stall') applied.endsAt = this.#pace.stall(at, effect.forMs, this.#walked)
    else if (effect.kind === 'throttle') this.#pace.throttle(at, effect.objectsPerSecond, this.#walked)
    else if (effect.kind === 'fail') this.#phase = { name: 'failed', error: effect.message }
  }

  /** Conflict effects act just before the commit, at the status write that would land it. */
  #applyConflicts(at: number): void {
    for (const applied of this.effects) {
      if (applied.effect.kind !== 'conflict' || applied.firedAt !== undefined) continue
      applied.firedAt = at
      this.options.target.conflict(this, applied.effect.conflict, applied.effect.rule)
    }
  }

  /** One status write, at emulator time `at`. */
  #publish(at: number): void {
    const phase = this.#phase
    if (phase.name === 'ready') {
      try {
        this.#applyConflicts(at)
        const commit = this.options.target.commit(this, phase.tree, at)
        this.state = 'completed'
        this.#status = {
          completed: true,
          updateTime: at,
          ingestedObjects: this.#walked,
          metaRangeId: commit.metaRangeId,
          commit,
        }
        this.#phase = { name: 'over' }
        return
      } catch (err) {
        this.#phase = { name: 'failed', error: failureText(err) }
      }
    }
    if (this.#phase.name === 'failed') {
      this.state = 'failed'
      this.#status = {
        completed: this.options.compat.failedImport === 'completed',
        updateTime: at,
        ingestedObjects: this.#walked,
        error: this.#phase.error,
      }
      this.#phase = { name: 'over' }
      return
    }
    this.#status = { completed: false, updateTime: at, ingestedObjects: this.#walked }
  }
}


function failureText(err: unknown): string {
  return err instanceof Error ? err.message : String(err)
}
