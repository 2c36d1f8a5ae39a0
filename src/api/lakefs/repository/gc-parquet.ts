/**
 * lakeFS's uncommitted-objects file for its garbage collector, as Parquet: catalog.go
 * UncommittedParquetObject's two required columns (physical_address, UTF8; creation_date, INT_64),
 * GZIP-compressed as gc_write_uncommitted.go writes them (hyparquet-writer, with Node's gzip).
 * The writer loads at the first file (Node 20.19+ requires an ES module): a start never pays for it.
 */
import { createRequire } from 'node:module'
import { gzipSync } from 'node:zlib'
import type * as HyparquetWriter from 'hyparquet-writer'
import type { UncommittedObject } from '../../../emulator/catalog/gc-prepare.js'

const loaded: { writer?: typeof HyparquetWriter } = {}

export function uncommittedParquet(rows: readonly UncommittedObject[]): Uint8Array {
  const { parquetWriteBuffer } = (loaded.writer ??= createRequire(import.meta.url)('hyparquet-writer') as typeof HyparquetWriter)
  const buffer = parquetWriteBuffer({
    columnData: [
      { name: 'physical_address', data: rows.map((r) => r.physicalAddress) },
      { name: 'creation_date', data: rows.map((r) => BigInt(r.creationDate)) },
    ],
    schema: [
      { name: 'root', num_children: 2 },
      { name: 'physical_address', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'REQUIRED' },
      { name: 'creation_date', type: 'INT64', converted_type: 'INT_64', repetition_type: 'REQUIRED' },
    ],
    codec: 'GZIP',
    compressors: { GZIP: (b: Uint8Array) => new Uint8Array(gzipSync(b)) },
  })
  return new Uint8Array(buffer)
}
