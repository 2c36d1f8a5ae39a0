/**
 * The journal: one record per lakeFS request (time, operation, status, emulator-time latency,
 * fault rules fired, validation problems), plus the per-operation status tally behind coverage.
 * It keeps the latest `limit` requests (a ring), so a long-running suite cannot grow it without
 * bound; the tally behind coverage counts every request.
 */
export interface JournalEntry {
  /** 1-based, in arrival order. */
  readonly seq: number
  /** The `X-Request-Id` of the answer (the caller's own, when it sent one). */
  readonly requestId: string | null
  /** Emulator time the request arrived (ISO 8601). */
  readonly time: string
  readonly method: string
  readonly path: string
  readonly query: string
  /** The lakeFS operationId, or null for a path lakeFS does not serve. */
  readonly operationId: string | null
  /** null when the connection was dropped without an answer. */
  status: number | null
  /** Emulator milliseconds from arrival to answer (injected delays show here). */
  latencyMs: number
  /** Fault rules that fired on this request, in order. */
  readonly faults: string[]
  /** Why the request failed validation (a 400 before the handler ran). */
  readonly problems: string[]
}

/** What the middleware holds while a request is served; formatted into a JournalEntry when read. */
export type JournalRecord = Omit<JournalEntry, 'time' | 'faults' | 'problems'> & {
  /** Emulator epoch ms of arrival (formatted only when read: most entries never are). */
  readonly at: number
  /** `performance.now()` at arrival, for the wall-clock durations metrics report. */
  readonly wallStart: number
  /** Shared and empty until something is noted (most requests never note anything). */
  faults: readonly string[]
  problems: readonly string[]
}

const NONE: readonly string[] = Object.freeze([])

export interface JournalFilter {
  operation?: string
  /** Epoch ms: entries that arrived at or after it. */
  since?: number
}

export const DEFAULT_JOURNAL_LIMIT = 10_000

export class Journal {
  #ring: JournalRecord[] = []
  /** Where the next record goes once the ring is full. */
  #next = 0
  #seq = 0
  /** operationId → status → count; survives nothing but `clear`. */
  readonly #tally = new Map<string, Map<number, number>>()

  constructor(readonly limit = DEFAULT_JOURNAL_LIMIT) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`journal limit must be a positive integer, got ${limit}`)
  }

  /** Records a request's arrival; the record is completed by `finish`. */
  begin(at: number, method: string, path: string, query: string, operationId: string | null, requestId: string | null = null): JournalRecord {
    const record: JournalRecord = { seq: ++this.#seq, requestId, at, wallStart: performance.now(), method, path, query, operationId, status: null, latencyMs: 0, faults: NONE, problems: NONE }
    if (this.#ring.length < this.limit) this.#ring.push(record)
    else {
      this.#ring[this.#next] = record
      this.#next = (this.#next + 1) % this.limit
    }
    return record
  }

  /** Told of every finished request (the app's metrics). */
  onFinish: ((record: JournalRecord) => void) | undefined

  finish(record: JournalRecord, status: number | null, latencyMs: number): void {
    record.status = status
    record.latencyMs = latencyMs
    this.onFinish?.(record)
    if (record.operationId === null || status === null) return
    let statuses = this.#tally.get(record.operationId)
    if (!statuses) this.#tally.set(record.operationId, (statuses = new Map()))
    statuses.set(status, (statuses.get(status) ?? 0) + 1)
  }

  /** The retained requests that match, oldest first. */
  list(filter: JournalFilter = {}): JournalEntry[] {
    const { operation, since } = filter
    const ordered = this.#ring.length < this.limit ? this.#ring : [...this.#ring.slice(this.#next), ...this.#ring.slice(0, this.#next)]
    return ordered
      .filter((r) => (operation === undefined || r.operationId === operation) && (since === undefined || r.at >= since))
      .map((r) => ({
        seq: r.seq,
        requestId: r.requestId,
        time: new Date(r.at).toISOString(),
        method: r.method,
        path: r.path,
        query: r.query,
        operationId: r.operationId,
        status: r.status,
        latencyMs: r.latencyMs,
        faults: [...r.faults],
        problems: [...r.problems],
      }))
  }

  /** Answered statuses per operation, for the coverage report. */
  statuses(operationId: string): ReadonlyMap<number, number> {
    return this.#tally.get(operationId) ?? new Map()
  }

  clear(): void {
    this.#ring = []
    this.#next = 0
    this.#seq = 0
    this.#tally.clear()
  }
}
