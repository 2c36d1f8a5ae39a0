/**
 * The bytes an entry identity hashes (catalog/entry.go over pkg/ident), written into a caller's
 * buffer: the hot path of every import, on the main thread and for the hasher thread's batches.
 */
const TWO_32 = 4294967296

/**
 * The bytes an entry's identity hashes, for an entry without metadata or content type:
 * int64(size), string(checksum), stringMap({}) in pkg/ident's typed encoding. Returns the end.
 */
export function writeIdentityInput(b: Buffer, o: number, size: number, checksum: string, sumLen: number): number {
  identityHead(b, o, size, sumLen)
  b.write(checksum, o + 21, sumLen === checksum.length ? 'latin1' : 'utf8')
  return identityTail(b, o + 21 + sumLen)
}

/** The same, with the checksum's UTF-8 bytes taken from `from[start..end)`. */
export function writeIdentityInputBytes(b: Buffer, o: number, size: number, from: Buffer, start: number, end: number): number {
  identityHead(b, o, size, end - start)
  return identityTail(b, copyBytes(b, o + 21, from, start, end))
}

function identityHead(b: Buffer, o: number, size: number, sumLen: number): void {
  b[o] = 2
  b[o + 1] = 8
  writeInt64(b, o + 2, size)
  b[o + 10] = 1
  b[o + 11] = 2
  b[o + 12] = 8
  writeInt64(b, o + 13, sumLen)
}

function identityTail(b: Buffer, o: number): number {
  b[o++] = 4
  b[o++] = 2
  b[o++] = 8
  b.fill(0, o, o + 8)
  return o + 8
}

/** A non-negative safe integer as big-endian int64, without a BigInt. */
function writeInt64(buf: Buffer, o: number, n: number): void {
  buf.writeUInt32BE(Math.floor(n / TWO_32), o)
  buf.writeUInt32BE(n >>> 0, o + 4)
}

/** Copies `from[start..end)` to `to` at `o`; returns the end. Short runs in a loop: Buffer#copy costs ~70 ns a call. */
export function copyBytes(to: Buffer, o: number, from: Buffer, start: number, end: number): number {
  if (end - start > 64) return o + from.copy(to, o, start, end)
  for (let i = start; i < end; i++) to[o++] = from[i]!
  return o
}
