/**
 * A cursor over a metarange that can stop at range headers (graveler's committed Iterator):
 * `next()` enters a range or steps to the next record, `nextRange()` skips the rest of a range.
 * Diff and merge compare headers first, so ranges with equal IDs are never read record by record.
 */
import type { EntryRecord, RangeInfo, RangeStore } from './metarange.js'

export class TreeCursor {
  readonly #store: RangeStore
  readonly #ranges: readonly RangeInfo[]
  #ri = -1
  #i = -1
  #records: readonly EntryRecord[] = []

  constructor(store: RangeStore, metaRangeId: string) {
    this.#store = store
    this.#ranges = store.metaRange(metaRangeId).ranges
  }

  /** The current range. */
  get range(): RangeInfo {
    return this.#ranges[this.#ri]!
  }

  /** The current record, or undefined at a range header. */
  get record(): EntryRecord | undefined {
    return this.#i < 0 ? undefined : this.#records[this.#i]
  }

  /** Moves to the next item: the first header, into a range, the next record or the next header. */
  next(): boolean {
    if (this.#ri < 0) return this.#toRange(0)
    if (this.#i < 0) {
      this.#records = this.#store.range(this.range.id)
      this.#i = 0
      return true
    }
    if (++this.#i < this.#records.length) return true
    return this.#toRange(this.#ri + 1)
  }

  /** Skips what is left of the current range and stops at the next header. */
  nextRange(): boolean {
    return this.#toRange(this.#ri + 1)
  }

  #toRange(index: number): boolean {
    this.#ri = index
    this.#i = -1
    this.#records = []
    return index < this.#ranges.length
  }
}
