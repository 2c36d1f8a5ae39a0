/**
 * An imported object's record as the ranges stage reads it from the walk log: a short-lived view of
 * the log's bytes (`record.entry === record`). The range encoder copies its key, address and
 * checksum as bytes (RawEntry); the strings are made only when something asks for them.
 */
import type { AddressType, Entry, PrehashedIdentity } from '../graveler/entry.js'
import type { EntryRecord } from '../graveler/metarange.js'
import type { RawEntry, RawEntryBytes } from '../graveler/record-encoding.js'
import type { WalkChunk } from './walk-log.js'

const NO_METADATA: Readonly<Record<string, string>> = Object.freeze({})

/** How a source's keys are made from its objects' addresses (catalog/walk_entry_iterator.go). */
export interface KeyFrame {
  /** The destination, as the key's start. */
  readonly prefix: string
  readonly prefixBytes: Buffer
  /** Bytes of each address before its part relative to the source; undefined: the key is the prefix alone (an object). */
  readonly dropBytes: number | undefined
}

export class ImportedRecord implements EntryRecord, Entry, PrehashedIdentity, RawEntry, RawEntryBytes {
  readonly size: number
  readonly mtimeMs: number
  readonly addrStart: number
  readonly addrEnd: number
  readonly sumEnd: number
  #key: string | undefined

  readonly bytes: Buffer
  /** The entry identity, if hashed off the main thread: 32 bytes at `identityOffset`. */
  readonly identities: Uint8Array | undefined
  readonly identityOffset: number

  /** Record `j` of a walk-log chunk. */
  constructor(
    private readonly frame: KeyFrame,
    chunk: WalkChunk,
    j: number
  ) {
    this.bytes = chunk.bytes
    this.size = chunk.numbers[2 * j]!
    this.mtimeMs = chunk.numbers[2 * j + 1]!
    this.addrStart = chunk.starts[j]!
    this.addrEnd = chunk.uriEnds[j]!
    this.sumEnd = chunk.starts[j + 1]!
    this.identities = chunk.identities
    this.identityOffset = j * 32
  }

  // The same for every imported object: on the prototype, not in each instance.
  get addressType(): AddressType {
    return 'full'
  }

  get metadata(): Readonly<Record<string, string>> {
    return NO_METADATA
  }

  get contentType(): undefined {
    return undefined
  }

  get raw(): RawEntryBytes {
    return this
  }

  get keyPrefix(): Buffer {
    return this.frame.prefixBytes
  }

  get keyRest(): number {
    const drop = this.frame.dropBytes
    return drop === undefined ? this.addrEnd : this.addrStart + drop
  }

  get key(): string {
    return (this.#key ??= this.frame.prefix + this.bytes.toString('utf8', this.keyRest, this.addrEnd))
  }

  get address(): string {
    return this.bytes.toString('utf8', this.addrStart, this.addrEnd)
  }

  get checksum(): string {
    return this.bytes.toString('utf8', this.addrEnd, this.sumEnd)
  }

  get entry(): Entry {
    return this
  }
}
