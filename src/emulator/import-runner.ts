/**
 * Drives running imports: a slice of work per job per event-loop turn (so requests are served
 * between slices), and a clock timer while every job waits for time to pass.
 */
import type { Clock } from './clock.js'
import type { ImportJob } from './import-job.js'

/** Objects (or records) one job may process per turn. */
export const DEFAULT_SLICE = 4096

export class ImportRunner {
  readonly #jobs = new Set<ImportJob>()
  #immediate: ReturnType<typeof setImmediate> | undefined
  #cancelTimer: (() => void) | undefined
  #closed = false

  constructor(
    private readonly clock: Clock,
    private readonly slice = DEFAULT_SLICE
  ) {}

  add(job: ImportJob): void {
    this.#jobs.add(job)
    this.kick()
  }

  /** Schedules a pass on the next turn of the event loop. */
  kick(): void {
    if (this.#closed || this.#immediate) return
    this.#immediate = setImmediate(() => {
      this.#immediate = undefined
      if (this.#pass()) this.kick()
    })
  }

  /**
   * Resolves once every job has done all the work that the clock's current time allows.
   * Tests use it after moving a manual clock.
   */
  async settle(): Promise<void> {
    while (this.#pass()) await new Promise<void>((resolve) => setImmediate(resolve))
  }

  /** One slice for each job; true when some job has more to do right now. */
  #pass(): boolean {
    this.#cancelTimer?.()
    this.#cancelTimer = undefined
    const now = this.clock.now()
    let more = false
    let wakeAt = Infinity
    for (const job of this.#jobs) {
      const result = job.step(now, this.slice)
      if (result.kind === 'done') this.#jobs.delete(job)
      else if (result.kind === 'more') more = true
      else wakeAt = Math.min(wakeAt, result.until)
    }
    if (!more && wakeAt < Infinity && !this.#closed) {
      this.#cancelTimer = this.clock.schedule(wakeAt, () => this.kick())
    }
    return more
  }

  /** Stops driving jobs (they stay as they are); for shutdown and test teardown. */
  close(): void {
    this.#closed = true
    if (this.#immediate) clearImmediate(this.#immediate)
    this.#cancelTimer?.()
    this.#jobs.clear()
  }
}
