/**
 * How many objects an import may have ingested by a given emulator time: a constant rate from an
 * origin, which a throttle moves (new rate from now) and a stall suspends (nothing until it ends).
 */
export class ImportPace {
  #originTime: number
  #originObjects = 0
  #rate: number
  /** Emulator time the latest stall ends (Infinity: until cancelled); undefined before any. */
  #stallUntil: number | undefined

  /** `objectsPerSecond` <= 0 means unpaced: work as fast as the runner goes. */
  constructor(startTime: number, objectsPerSecond: number) {
    this.#originTime = startTime
    this.#rate = objectsPerSecond
  }

  /** Objects allowed by time `t`, given `done` already ingested (Infinity when unpaced). */
  allowed(t: number, done: number): number {
    if (this.#rate <= 0) return this.#stallUntil !== undefined && t < this.#stallUntil ? done : Infinity
    // A stall moved the origin to its end, so nothing is allowed before then.
    return this.#originObjects + Math.floor(((t - this.#originTime) * this.#rate) / 1000)
  }

  /** When object number `n` may be ingested; `fallback` (the current time) when unpaced. */
  timeFor(n: number, fallback: number): number {
    if (this.#rate <= 0) return this.#stallUntil !== undefined ? Math.max(fallback, this.#stallUntil) : fallback
    const after = Math.max(0, n - this.#originObjects)
    return this.#originTime + Math.ceil((after * 1000) / this.#rate)
  }

  stall(from: number, forMs: number | undefined, done: number): number {
    const until = forMs === undefined ? Infinity : from + forMs
    this.#stallUntil = until
    // Work resumes at the stall's end at the same rate, without catching up the lost time.
    this.#rebase(until, done)
    return until
  }

  throttle(at: number, objectsPerSecond: number, done: number): void {
    this.#rate = objectsPerSecond
    this.#rebase(this.#stallUntil !== undefined ? Math.max(at, this.#stallUntil) : at, done)
  }

  #rebase(time: number, done: number): void {
    this.#originTime = time
    this.#originObjects = done
  }
}
