/**
 * What lakeFS's metadata manager keeps of the installation (pkg/auth/metadata.go): its ID, whether
 * the communication preferences were given (comm_prefs_set), and the usage counts its usage reporter
 * keeps per month (pkg/stats/usage_counter.go: one per API action and per S3 gateway request).
 */
import { createHash } from 'node:crypto'
import { ConflictError, PreconditionFailedError } from '../errors.js'

/** What setup or setupCommPrefs were told (auth.CommPrefs). */
export interface CommPrefs {
  readonly email: string
  readonly firstName?: string
  readonly lastName?: string
  readonly companyName?: string
  readonly featureUpdates: boolean
}

export interface SavedInstallation {
  /** undefined: never recorded (an installation set up outside the API); false: setup without an email. */
  readonly commPrefs: CommPrefs | false | undefined
  /** [year, month, count], by month. */
  readonly usage: readonly (readonly [number, number, number])[]
}

export class Installation {
  /** A UUID drawn from the seed (lakeFS draws uuid.New() at first start). */
  readonly id: string
  #commPrefs: CommPrefs | false | undefined
  readonly #usage = new Map<number, number>()

  constructor(seed: number) {
    const b = createHash('sha256').update(`installation:${seed}`).digest().subarray(0, 16)
    b[6] = (b[6]! & 0x0f) | 0x40
    b[8] = (b[8]! & 0x3f) | 0x80
    const hex = b.toString('hex')
    this.id = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
  }

  /**
   * controller.go commPrefsMissing, with email_subscription.enabled (lakeFS's default): prefs never
   * recorded count as missing only before setup; setup without an email records them as missing.
   */
  commPrefsMissing(initialized: boolean): boolean {
    return this.#commPrefs === undefined ? !initialized : this.#commPrefs === false
  }

  /** What setup records (metadata.go UpdateCommPrefs with or without prefs). */
  recordSetup(prefs: CommPrefs | undefined): void {
    this.#commPrefs = prefs ?? false
  }

  /** controller.go SetupCommPrefs: only once, only after setup; `prefs` (which may refuse them) is read only then. */
  setCommPrefs(initialized: boolean, prefs: () => CommPrefs): void {
    if (this.#commPrefs) throw new ConflictError('communication preferences already set')
    if (!initialized) throw new PreconditionFailedError('lakeFS is not initialized')
    if (!this.commPrefsMissing(initialized)) throw new ConflictError('communication preferences already set')
    this.#commPrefs = prefs()
  }

  /** Counts one API action or gateway request in the month `now` falls in (UTC). */
  countUsage(now: number): void {
    const d = new Date(now)
    const month = d.getUTCFullYear() * 100 + d.getUTCMonth() + 1
    this.#usage.set(month, (this.#usage.get(month) ?? 0) + 1)
  }

  /** The usage records by month, oldest first (the KV scan's key order). */
  usage(): { year: number; month: number; count: number }[] {
    return [...this.#usage].sort(([a], [b]) => a - b).map(([m, count]) => ({ year: Math.floor(m / 100), month: m % 100, count }))
  }

  save(): SavedInstallation {
    return { commPrefs: this.#commPrefs, usage: this.usage().map((u) => [u.year, u.month, u.count] as const) }
  }

  restore(saved: SavedInstallation): void {
    this.#commPrefs = saved.commPrefs
    this.#usage.clear()
    for (const [year, month, count] of saved.usage) this.#usage.set(year * 100 + month, count)
  }
}
