/**
 * The journal: one record per lakeFS request (time, operation, status, emulator-time latency,
 * fault rules fired, validation problems), plus the per-operation status tally behind coverage.
 */
export interface JournalEntry {
  /** 1-based, in arrival order. */
  readonly seq: number
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

export interface JournalFilter {
  operation?: string
  /** Epoch ms: entries that arrived at or after it. */
  since?: number
}

export class Journal {
  #entries: JournalEntry[] = []
  #seq = 0
  /** operationId → status → count; survives nothing but `clear`. */
  readonly #tally = new Map<string, Map<number, number>>()

  /** Records a request's arrival; the entry is completed by `finish`. */
  begin(at: number, method: string, path: string, query: string, operationId: string | null): JournalEntry {
    const entry: JournalEntry = {
      seq: ++this.#seq,
      time: new Date(at).toISOString(),
      method,
      path,
      query,
      operationId,
      status: null,
      latencyMs: 0,
      faults: [],
      problems: [],
    }
    this.#entries.push(entry)
    return entry
  }

  finish(entry: JournalEntry, status: number | null, latencyMs: number): void {
    entry.status = status
    entry.latencyMs = latencyMs
    if (entry.operationId === null || status === null) return
    let statuses = this.#tally.get(entry.operationId)
    if (!statuses) this.#tally.set(entry.operationId, (statuses = new Map()))
    statuses.set(status, (statuses.get(status) ?? 0) + 1)
  }

  list(filter: JournalFilter = {}): JournalEntry[] {
    const since = filter.since
    return this.#entries.filter(
      (e) => (filter.operation === undefined || e.operationId === filter.operation) && (since === undefined || Date.parse(e.time) >= since)
    )
  }

  /** Answered statuses per operation, for the coverage report. */
  statuses(operationId: string): ReadonlyMap<number, number> {
    return this.#tally.get(operationId) ?? new Map()
  }

  clear(): void {
    this.#entries = []
    this.#seq = 0
    this.#tally.clear()
  }
}
