/** Emulator time: every timestamp and every timer in the core goes through a Clock. */

/** A source of time plus timers that fire on that time, so a test can move time by hand. */
export interface Clock {
  /** Milliseconds since the Unix epoch, on this clock. */
  now(): number
  /** Runs `fn` once the clock reaches `atMs`; returns a function that cancels it. */
  schedule(atMs: number, fn: () => void): () => void
}

/**
 * How emulator time relates to wall time: `real` runs with it, `manual` moves only when told to,
 * `scaled` runs `speed` times faster (60: a one-minute stall passes in one wall second).
 */
export type ClockMode = 'real' | 'manual' | 'scaled'

export interface VirtualClockOptions {
  readonly mode: ClockMode
  /** Emulator time at creation (epoch ms); defaults to the wall time. */
  readonly start?: number
  /** For `scaled`: emulator milliseconds per wall millisecond. */
  readonly speed?: number
}

interface PendingTimer {
  atMs: number
  seq: number
  fn: () => void
}

/**
 * One clock for every mode. Timers live in one queue on emulator time; outside manual mode a
 * single wall timer is armed for the earliest. `advance` jumps ahead in any mode and fires the
 * timers it passes, in time order (ties in the order they were scheduled).
 *
 * @example
 * const clock = new VirtualClock({ mode: 'scaled', speed: 60, start: Date.parse('2024-01-15T10:00:00Z') })
 */
export class VirtualClock implements Clock {
  readonly mode: ClockMode
  readonly speed: number
  /** Emulator time when created; `elapsed` is measured from here. */
  readonly startMs: number
  #skipped = 0
  readonly #wallStart = Date.now()
  #seq = 0
  #timers: PendingTimer[] = []
  #wallTimer: ReturnType<typeof setTimeout> | undefined

  constructor(options: VirtualClockOptions) {
    this.mode = options.mode
    this.speed = options.mode === 'scaled' ? (options.speed ?? 1) : options.mode === 'real' ? 1 : 0
    if (!(this.speed >= 0) || (options.mode === 'scaled' && this.speed === 0)) {
      throw new RangeError(`clock speed must be a positive number, got ${options.speed}`)
    }
    this.startMs = options.start ?? this.#wallStart
  }

  now(): number {
    return this.startMs + this.#skipped + Math.floor((Date.now() - this.#wallStart) * this.speed)
  }

  /** Emulator milliseconds since creation. */
  get elapsedMs(): number {
    return this.now() - this.startMs
  }

  schedule(atMs: number, fn: () => void): () => void {
    const timer = { atMs, seq: this.#seq++, fn }
    this.#timers.push(timer)
    this.#arm()
    return () => {
      this.#timers = this.#timers.filter((t) => t !== timer)
      this.#arm()
    }
  }

  /** Moves time forward by `ms`, firing every timer due on the way. */
  advance(ms: number): void {
    if (!(ms >= 0) || !Number.isFinite(ms)) throw new RangeError(`cannot advance the clock by ${ms} ms`)
    this.#fireUntil(this.now() + ms, true)
  }

  /** Moves time forward to `time`; a clock never goes backwards. */
  set(time: number | Date): void {
    const target = typeof time === 'number' ? time : time.getTime()
    if (target < this.now()) throw new RangeError('the clock cannot go backwards')
    this.#fireUntil(target, true)
  }

  /** Cancels the wall timer (timers stay queued); for shutdown. */
  close(): void {
    if (this.#wallTimer) clearTimeout(this.#wallTimer)
    this.#wallTimer = undefined
  }

  #fireUntil(target: number, jump: boolean): void {
    for (;;) {
      const due = this.#earliest()
      if (!due || due.atMs > target) break
      this.#timers = this.#timers.filter((t) => t !== due)
      if (jump && due.atMs > this.now()) this.#skipped += due.atMs - this.now()
      due.fn()
    }
    if (jump && target > this.now()) this.#skipped += target - this.now()
    this.#arm()
  }

  #earliest(): PendingTimer | undefined {
    let best: PendingTimer | undefined
    for (const t of this.#timers) if (!best || t.atMs < best.atMs || (t.atMs === best.atMs && t.seq < best.seq)) best = t
    return best
  }

  /** Keeps one unref'd wall timer for the earliest queued timer, so idle emulators never hold a process. */
  #arm(): void {
    if (this.#wallTimer) clearTimeout(this.#wallTimer)
    this.#wallTimer = undefined
    const next = this.#earliest()
    if (!next || this.speed === 0) return
    const wait = Math.max(0, Math.ceil((next.atMs - this.now()) / this.speed))
    this.#wallTimer = setTimeout(() => this.#fireUntil(this.now(), false), wait)
    this.#wallTimer.unref?.()
  }
}

/** Wall time, optionally starting at a given instant (a scenario's `clock.start`). */
export class SystemClock extends VirtualClock {
  constructor(start?: number) {
    super({ mode: 'real', start })
  }
}

/**
 * Time that moves only when told to.
 *
 * @example
 * const clock = new ManualClock(Date.parse('2024-01-15T10:00:00Z'))
 * clock.advance(1000)
 */
export class ManualClock extends VirtualClock {
  constructor(start: number | Date = 0) {
    super({ mode: 'manual', start: typeof start === 'number' ? start : start.getTime() })
  }
}

/** Resolves after `ms` of emulator time (never, on a manual clock nobody advances). */
export function sleep(clock: Clock, ms: number): Promise<void> {
  return new Promise((resolve) => clock.schedule(clock.now() + ms, resolve))
}
