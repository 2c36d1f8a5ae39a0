/**
 * Graveler's committed storage: sorted ranges of records, and metaranges listing ranges.
 * IDs are content-addressed exactly as committed/manager.go and sstable/writer.go compute them.
 */
import { createHash } from 'node:crypto'
import { EncodedRange, type EntryRecord } from './encoded-range.js'
import type { Entry } from './entry.js'
import { RecordEncoder } from './record-encoding.js'
import { compareBytewise } from '../../util/byte-order.js'
import { METARANGES_TRAILER, metaRangeRecords, RANGES_TRAILER, rangesOf, readRecordFile, recordFileBytes, scanRecordFile } from './record-file.js'

export type { EntryRecord } from './encoded-range.js'

/** What a metarange knows of one range (RangeData in committed.proto). */
export interface RangeInfo {
  readonly id: string
  readonly minKey: string
  readonly maxKey: string
  readonly count: number
  readonly estimatedSize: number
}

export interface MetaRange {
  readonly id: string
  readonly ranges: readonly RangeInfo[]
}

/** Range split parameters; the defaults are lakeFS's (config/defaults.go). */
export interface RangeSplitOptions {
  raggednessEntries: number
  maxRangeSizeBytes: number
}

export const DEFAULT_SPLIT: RangeSplitOptions = {
  raggednessEntries: 50_000,
  maxRangeSizeBytes: 20 * 1024 * 1024,
}

/**
 * Where ranges and metaranges live once written. Content-addressed, so writes are idempotent.
 * Ranges are kept as their bytes (EncodedRange) and read back record by record on demand.
 */
export class RangeStore {
  readonly #ranges = new Map<string, EncodedRange>()
  readonly #metaranges = new Map<string, MetaRange>()

  putRange(id: string, range: EncodedRange): void {
    if (!this.#ranges.has(id)) this.#ranges.set(id, range)
  }

  /** Stores records saved elsewhere (a snapshot) under the ID they were saved with. */
  putRecords(id: string, records: readonly EntryRecord[]): void {
    if (this.#ranges.has(id)) return
    const encoder = new RecordEncoder()
    for (const r of records) encoder.append(r)
    this.#ranges.set(id, encoder.finish(RANGES_TRAILER).range)
  }

  /**
   * Takes a range from its file (record-file.ts), as lakeFS reads one from the storage namespace: the
   * records' bytes are the range, indexed by their keys. Throws when the file is not the range it names.
   */
  loadRange(id: string, bytes: Uint8Array): void {
    if (this.#ranges.has(id)) return
    const { body, offsets, count } = scanRecordFile(bytes, id, RANGES_TRAILER)
    const keys = new Uint32Array(count * 2)
    for (let i = 0; i < count; i++) {
      keys[2 * i] = offsets[4 * i]!
      keys[2 * i + 1] = offsets[4 * i + 1]!
    }
    this.#ranges.set(id, new EncodedRange([Buffer.from(body)], keys, new Uint16Array(count)))
  }

  /** Takes a metarange from its file, likewise. */
  loadMetaRange(id: string, bytes: Uint8Array): MetaRange {
    const known = this.#metaranges.get(id)
    if (known) return known
    const mr: MetaRange = { id, ranges: rangesOf(readRecordFile(bytes, id, METARANGES_TRAILER)) }
    this.#metaranges.set(id, mr)
    return mr
  }

  putMetaRange(mr: MetaRange): void {
    if (!this.#metaranges.has(mr.id)) this.#metaranges.set(mr.id, mr)
  }

  /** How many times ranges were read record by record (diff and merge skip unchanged ones). */
  rangeReads = 0

  /** Every range's ID (for snapshots; ranges are immutable, so a saved one never changes). */
  rangeIds(): string[] {
    return [...this.#ranges.keys()]
  }

  /** Every metarange (for snapshots). */
  metaRanges(): MetaRange[] {
    return [...this.#metaranges.values()]
  }

  /** A range's records, read whole. */
  range(id: string): readonly EntryRecord[] {
    return this.reader(id).records()
  }

  /** Whether a range of this ID is held. */
  hasRange(id: string): boolean {
    return this.#ranges.has(id)
  }

  /** Whether a metarange of this ID is held. */
  hasMetaRange(id: string): boolean {
    return this.#metaranges.has(id)
  }

  /** A range to read record by record. */
  reader(id: string): EncodedRange {
    this.rangeReads++
    return this.#encoded(id)
  }

  #encoded(id: string): EncodedRange {
    const r = this.#ranges.get(id)
    if (!r) throw new Error(`range ${id} not found`)
    return r
  }

  /** The empty string is lakeFS's "no metarange" (the first commit of a repository). */
  metaRange(id: string): MetaRange {
    if (id === '') return { id: '', ranges: [] }
    const mr = this.#metaranges.get(id)
    if (!mr) throw new Error(`metarange ${id} not found`)
    return mr
  }

  get(metaRangeId: string, key: string): Entry | undefined {
    const ranges = this.metaRange(metaRangeId).ranges
    const ri = lowerBound(ranges.length, (i) => compareBytewise(ranges[i]!.maxKey, key) < 0)
    const info = ranges[ri]
    if (!info || compareBytewise(info.minKey, key) > 0) return undefined
    const range = this.#encoded(info.id)
    const i = range.lowerBound(Buffer.from(key, 'utf8'))
    return i < range.length && range.keyAt(i) === key ? range.recordAt(i).entry : undefined
  }

  /** Records in key order, starting at the first key >= `from`; each read only when reached. */
  *iterate(metaRangeId: string, from = ''): Generator<EntryRecord> {
    const ranges = this.metaRange(metaRangeId).ranges
    let ri = from ? lowerBound(ranges.length, (i) => compareBytewise(ranges[i]!.maxKey, from) < 0) : 0
    for (; ri < ranges.length; ri++) {
      const range = this.reader(ranges[ri]!.id)
      let i = from ? range.lowerBound(Buffer.from(from, 'utf8')) : 0
      for (; i < range.length; i++) yield range.recordAt(i)
      from = ''
    }
  }
}

/** Index of the first element for which `isBefore` is false. */
export function lowerBound(length: number, isBefore: (i: number) => boolean): number {
  let lo = 0
  let hi = length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (isBefore(mid)) lo = mid + 1
    else hi = mid
  }
  return lo
}

/**
 * Streams records (strictly ascending keys) into ranges, cutting them as graveler does: after a
 * record whose FNV-1a-64 mod raggedness is 0, or once a range reaches the maximum size.
 */
export class MetaRangeWriter {
  readonly #done: RangeInfo[] = []
  readonly #encoder = new RecordEncoder()
  #size = 0
  #count = 0

  constructor(
    private readonly store: RangeStore,
    private readonly split: RangeSplitOptions = DEFAULT_SPLIT
  ) {}

  /** True when no range is open, so a whole existing range may be appended as-is. */
  get atBoundary(): boolean {
    return this.#count === 0
  }

  add(record: EntryRecord): void {
    this.#size += this.#encoder.append(record)
    this.#count++
    if (this.#size >= this.split.maxRangeSizeBytes || this.#encoder.lastKeyMod(this.split.raggednessEntries) === 0) {
      this.#closeRange()
    }
  }

  /**
   * Appends an already-written range whole, first closing any open range, as graveler's
   * MetaRangeWriter.WriteRange does (merge copies untouched ranges this way).
   */
  writeRange(info: RangeInfo): void {
    this.#closeRange()
    this.#done.push(info)
  }

  /** Appends an already-written range whole (graveler reuses untouched ranges). */
  addRange(info: RangeInfo): void {
    if (!this.atBoundary) throw new Error('addRange needs the writer at a range boundary')
    this.#done.push(info)
  }

  #closeRange(): void {
    if (this.#count === 0) return
    const { id, range } = this.#encoder.finish(RANGES_TRAILER)
    this.store.putRange(id, range)
    // Keys read back from the range: a record's key may exist only as bytes until then.
    this.#done.push({ id, minKey: range.keyAt(0), maxKey: range.keyAt(this.#count - 1), count: this.#count, estimatedSize: this.#size })
    this.#count = 0
    this.#size = 0
  }

  /** Closes the last range and writes the metarange: one record per range, keyed by max key. */
  close(): MetaRange {
    this.#closeRange()
    const id = createHash('sha256').update(metaRangeBytes(this.#done)).digest('hex')
    const mr: MetaRange = { id, ranges: [...this.#done] }
    this.store.putMetaRange(mr)
    return mr
  }
}

/** The bytes a metarange's ID hashes: its ranges' records (record-file.ts), then the trailer. */
export function metaRangeBytes(ranges: readonly RangeInfo[]): Buffer {
  return recordFileBytes(metaRangeRecords(ranges), METARANGES_TRAILER)
}

/** The bytes a range's ID hashes: its records as written, then the trailer. */
export function rangeBytes(range: EncodedRange): Buffer {
  return Buffer.concat([...range.pages, RANGES_TRAILER])
}

