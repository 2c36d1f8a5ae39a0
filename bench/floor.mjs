// The floor: only the irreducible work of an import on the same keys, in a fresh process.
// node bench/floor.mjs <objects>: sort the keys in UTF-8 byte order, serialize each entry
// (key, address, ETag, size, mtime; no per-entry identity hash), cut ranges where graveler does,
// one SHA-256 per range, then the metarange. Prints JSON with the time.
import { createHash } from 'node:crypto'
import { expandAll } from '../dist/scenarios/brace-expansion.js'
import { sortBytewise } from '../dist/util/byte-order.js'
import { fnv1a64Mod } from '../dist/emulator/graveler/fnv.js'

const n = Number(process.argv[2])
const shards = n >= 1000 ? 100 : 1
const perShard = n / shards
const pattern = `shard={00..${String(shards - 1).padStart(2, '0')}}/part-{${'1'.padStart(String(perShard).length, '0')}..${perShard}}.json`
const uris = expandAll(pattern, 's3://bench/events/')
const etag = 'd41d8cd98f00b204e9800998ecf8427e'

const t = performance.now()
const keys = sortBytewise(uris.map((u) => `events/${u.slice(18)}`))
const buf = Buffer.allocUnsafe(1 << 22)
let off = 0
let hash = createHash('sha256')
const ranges = []
for (let i = 0; i < keys.length; i++) {
  const key = keys[i]
  if (off > buf.length - 4096) {
    hash.update(buf.subarray(0, off))
    off = 0
  }
  off += buf.write(`${key.length}${key}|`, off, 'latin1')
  off += buf.write(`s3://bench/events/${key.slice(7)}|${etag}|${1000 + (i % 3000)}|1705298400|`, off, 'latin1')
  if (fnv1a64Mod(key, 50_000) === 0 || i === keys.length - 1) {
    hash.update(buf.subarray(0, off))
    off = 0
    ranges.push(hash.digest('hex') + key)
    hash = createHash('sha256')
  }
}
const metarange = createHash('sha256').update(ranges.join('|')).digest('hex')
const floorMs = performance.now() - t
console.log(JSON.stringify({ n, floorMs, ranges: ranges.length, metarange: metarange.slice(0, 8) }))
