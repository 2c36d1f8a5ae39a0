/**
 * Drives running imports in time slices: each event-loop turn gives the jobs, round-robin, small
 * chunks of work until the slice's few milliseconds are used, then yields so requests are served
 * between slices. While every job waits for emulator time to pass, a clock timer wakes it.
 * How work is sliced never changes what a job produces, only how long a turn takes.
 */
import type { Clock } from '../clock.js'
import type { ImportJob } from './import-job.js'

export interface RunnerOptions {
  /** Wall-clock milliseconds of work per event-loop turn while the loop has other work (requests). */
  readonly sliceMs?: number
  /** ... and while imports are all it does (default: 8 ms, or `sliceMs` when that is given). */
  readonly soloSliceMs?: number
  /** Objects (or records) per job step: the unit a slice is made of, about a millisecond. */
  readonly chunk?: number
  /** A monotonic wall clock in milliseconds, used only to end slices; never emulator time. */
  readonly monotonic?: () => number
  /** Hash large imports' entry identities on a worker thread (default true; results are the same). */
  readonly offload?: boolean
}

export const DEFAULT_SLICE_MS = 2
export const DEFAULT_SOLO_SLICE_MS = 8
/** A pause between turns longer than this means something else used the event loop. */
const OTHER_WORK_MS = 0.5
export const DEFAULT_CHUNK = 512

export class ImportRunner {
  readonly #jobs = new Set<ImportJob>()
  readonly #sliceMs: number
  readonly #soloSliceMs: number
  /** When the last turn ended (monotonic ms). */
  #lastTurnEnd = -Infinity
  readonly #chunk: number
  readonly #monotonic: () => number
  #immediate: ReturnType<typeof setImmediate> | undefined
  #cancelTimer: (() => void) | undefined
  #closed = false
  /** Turns taken so far (a cancel takes effect at the next one). */
  turns = 0

  constructor(
    private readonly clock: Clock,
    options: RunnerOptions = {}
  ) {
    this.#sliceMs = options.sliceMs ?? DEFAULT_SLICE_MS
    this.#soloSliceMs = options.soloSliceMs ?? options.sliceMs ?? DEFAULT_SOLO_SLICE_MS
    this.#chunk = options.chunk ?? DEFAULT_CHUNK
    this.#monotonic = options.monotonic ?? (() => performance.now())
  }

  add(job: ImportJob): void {
    this.#jobs.add(job)
    this.kick()
  }

  /** Schedules a turn on the next pass of the event loop. */
  kick(): void {
    if (this.#closed || this.#immediate) return
    this.#immediate = setImmediate(() => {
      this.#immediate = undefined
      if (this.turn()) this.kick()
    })
  }

  /**
   * Resolves once every job has done all the work that the clock's current time allows.
   * Tests use it after moving a manual clock.
   */
  async settle(): Promise<void> {
    for (;;) {
      while (this.turn()) await new Promise<void>((resolve) => setImmediate(resolve))
      const offloaded = this.offloaded?.()
      if (!offloaded) return
      await offloaded
    }
  }

  /** Resolves when work a job waits on elsewhere lands; undefined when there is none (set by the owner). */
  offloaded: (() => Promise<void> | undefined) | undefined

  /** Told when a job has finished (completed, failed or canceled), after its last status write. */
  onFinished: ((job: ImportJob) => void) | undefined

  /** One time slice of work over all jobs; true when some job has more to do right now. */
  turn(): boolean {
    this.turns++
    this.#cancelTimer?.()
    this.#cancelTimer = undefined
    const now = this.clock.now()
    // Short slices when requests (or anything else) ran since the last turn, so they are answered
    // promptly; longer ones when the imports have the loop to themselves, so they finish sooner.
    const started = this.#monotonic()
    const deadline = started + (started - this.#lastTurnEnd > OTHER_WORK_MS ? this.#sliceMs : this.#soloSliceMs)
    try {
      return this.#slice(now, deadline)
    } finally {
      this.#lastTurnEnd = this.#monotonic()
    }
  }

  #slice(now: number, deadline: number): boolean {
    let wakeAt = Infinity
    for (;;) {
      // Least recently stepped first: each job goes to the back of the line after its step, and
      // the slice can end after any step, so ten busy jobs never make one long turn.
      const line = [...this.#jobs]
      let busy = false
      for (let i = 0; i < line.length; i++) {
        const job = line[i]!
        const result = job.step(now, this.#chunk)
        this.#jobs.delete(job)
        if (result.kind !== 'done') this.#jobs.add(job)
        else this.onFinished?.(job)
        if (result.kind === 'more') busy = true
        else if (result.kind === 'wait') wakeAt = Math.min(wakeAt, result.until)
        if (this.#monotonic() < deadline) continue
        if (busy || i < line.length - 1) return true
      }
      if (!busy) break
    }
    if (wakeAt < Infinity && !this.#closed) this.#cancelTimer = this.clock.schedule(wakeAt, () => this.kick())
    return false
  }

  /** Stops driving jobs (they stay as they are); for shutdown and test teardown. */
  close(): void {
    this.#closed = true
    if (this.#immediate) clearImmediate(this.#immediate)
    this.#cancelTimer?.()
    this.#jobs.clear()
  }
}
