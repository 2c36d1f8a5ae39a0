/**
 * An imported object's record: key and entry in one small object. A million-object import keeps
 * a million of these, so the record is its own entry (`record.entry === record`), the fixed
 * fields are shared constants, and the address is the store's own URI string.
 */
import type { AddressType, Entry, PrehashedIdentity } from '../graveler/entry.js'
import type { EntryRecord } from '../graveler/metarange.js'

const NO_METADATA: Readonly<Record<string, string>> = Object.freeze({})

export class ImportedRecord implements EntryRecord, Entry, PrehashedIdentity {
  // The same for every imported object: on the prototype, not in each of a million instances.
  get addressType(): AddressType {
    return 'full'
  }

  get metadata(): Readonly<Record<string, string>> {
    return NO_METADATA
  }

  /** The entry identity, once hashed off the main thread: 32 bytes at `identityIndex * 32`. */
  identities: Uint8Array | undefined = undefined
  identityIndex = 0

  constructor(
    readonly key: string,
    readonly address: string,
    readonly checksum: string,
    readonly size: number,
    readonly mtimeMs: number
  ) {}

  get entry(): Entry {
    return this
  }
}
