/** Emulator time: every timestamp and every timer in the core goes through a Clock. */

/** A source of time plus timers that fire on that time, so a test can move time by hand. */
export interface Clock {
  /** Milliseconds since the Unix epoch, on this clock. */
  now(): number
  /** Runs `fn` once the clock reaches `atMs`; returns a function that cancels it. */
  schedule(atMs: number, fn: () => void): () => void
}

/**
 * Wall-clock time, optionally starting at a given instant (a scenario's `clock.start`) and
 * running with wall time from there. Timers are unref'd so an idle emulator never keeps a
 * process alive.
 */
export class SystemClock implements Clock {
  readonly #offset: number

  constructor(start?: number) {
    this.#offset = start === undefined ? 0 : start - Date.now()
  }

  now(): number {
    return Date.now() + this.#offset
  }

  schedule(atMs: number, fn: () => void): () => void {
    const timer = setTimeout(fn, Math.max(0, atMs - this.now()))
    timer.unref?.()
    return () => clearTimeout(timer)
  }
}

interface PendingTimer {
  atMs: number
  seq: number
  fn: () => void
}

/**
 * Time that moves only when told to. Timers due at or before the new time fire in time order
 * (ties in the order they were scheduled) during `advance`/`set`.
 *
 * @example
 * const clock = new ManualClock(Date.parse('2024-01-15T10:00:00Z'))
 * clock.advance(1000)
 */
export class ManualClock implements Clock {
  #now: number
  #seq = 0
  #timers: PendingTimer[] = []

  constructor(start: number | Date = 0) {
    this.#now = typeof start === 'number' ? start : start.getTime()
  }

  now(): number {
    return this.#now
  }

  schedule(atMs: number, fn: () => void): () => void {
    const timer = { atMs, seq: this.#seq++, fn }
    this.#timers.push(timer)
    return () => {
      this.#timers = this.#timers.filter((t) => t !== timer)
    }
  }

  advance(ms: number): void {
    if (!(ms >= 0)) throw new RangeError(`cannot advance the clock by ${ms} ms`)
    this.set(this.#now + ms)
  }

  set(time: number | Date): void {
    const target = typeof time === 'number' ? time : time.getTime()
    if (target < this.#now) throw new RangeError('a manual clock cannot go backwards')
    for (;;) {
      const due = this.#timers
        .filter((t) => t.atMs <= target)
        .sort((a, b) => a.atMs - b.atMs || a.seq - b.seq)[0]
      if (!due) break
      this.#timers = this.#timers.filter((t) => t !== due)
      this.#now = Math.max(this.#now, due.atMs)
      due.fn()
    }
    this.#now = target
  }
}
