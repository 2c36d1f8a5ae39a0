/**
 * A cursor over a metarange that can stop at range headers (graveler's committed Iterator):
 * `next()` enters a range or steps to the next record, `nextRange()` skips the rest of a range.
 * Diff and merge compare headers first, so ranges with equal IDs are never read record by record;
 * a record is decoded from its range's bytes only when the cursor reaches it.
 */
import type { EncodedRange } from './encoded-range.js'
import { type EntryRecord, lowerBound, type RangeInfo, type RangeStore } from './metarange.js'
import { compareBytewise } from '../../util/byte-order.js'

export class TreeCursor {
  readonly #store: RangeStore
  readonly #ranges: readonly RangeInfo[]
  /** Records before this key are skipped (diff pages start at `after`). */
  readonly #from: Buffer | undefined
  #ri = -1
  #i = -1
  #range: EncodedRange | undefined
  #record: EntryRecord | undefined

  constructor(store: RangeStore, metaRangeId: string, from = '') {
    this.#store = store
    const ranges = store.metaRange(metaRangeId).ranges
    // Ranges wholly before `from` are not visited at all.
    this.#ranges = from ? ranges.slice(lowerBound(ranges.length, (i) => compareBytewise(ranges[i]!.maxKey, from) < 0)) : ranges
    this.#from = from ? Buffer.from(from, 'utf8') : undefined
  }

  /** The current range. */
  get range(): RangeInfo {
    return this.#ranges[this.#ri]!
  }

  /** The current record, or undefined at a range header. */
  get record(): EntryRecord | undefined {
    if (this.#i < 0) return undefined
    return (this.#record ??= this.#range!.recordAt(this.#i))
  }

  /** Moves to the next item: the first header, into a range, the next record or the next header. */
  next(): boolean {
    if (this.#ri < 0) return this.#toRange(0)
    this.#record = undefined
    if (this.#i < 0) {
      this.#range = this.#store.reader(this.range.id)
      this.#i = this.#from ? this.#range.lowerBound(this.#from) : 0
      return this.#i < this.#range.length || this.#toRange(this.#ri + 1)
    }
    if (++this.#i < this.#range!.length) return true
    return this.#toRange(this.#ri + 1)
  }

  /** Skips what is left of the current range and stops at the next header. */
  nextRange(): boolean {
    return this.#toRange(this.#ri + 1)
  }

  #toRange(index: number): boolean {
    this.#ri = index
    this.#i = -1
    this.#range = undefined
    this.#record = undefined
    return index < this.#ranges.length
  }
}
