/**
 * An imported object's record as the ranges stage reads it back from the walk log: key and entry in
 * one small, short-lived object (`record.entry === record`), the fixed fields shared constants.
 */
import type { AddressType, Entry, PrehashedIdentity } from '../graveler/entry.js'
import type { EntryRecord } from '../graveler/metarange.js'

const NO_METADATA: Readonly<Record<string, string>> = Object.freeze({})

export class ImportedRecord implements EntryRecord, Entry, PrehashedIdentity {
  // The same for every imported object: on the prototype, not in each instance.
  get addressType(): AddressType {
    return 'full'
  }

  get metadata(): Readonly<Record<string, string>> {
    return NO_METADATA
  }

  constructor(
    readonly key: string,
    readonly address: string,
    readonly checksum: string,
    readonly size: number,
    readonly mtimeMs: number,
    /** The entry identity, if hashed off the main thread: 32 bytes at `identityOffset`. */
    readonly identities: Uint8Array | undefined,
    readonly identityOffset: number
  ) {}

  get entry(): Entry {
    return this
  }
}
