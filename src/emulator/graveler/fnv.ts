/** FNV-1a 64-bit over a key's UTF-8 bytes, reduced modulo n: graveler's range split test. */

const TWO_32 = 4294967296

export function fnv1a64Mod(key: string, n: number): number {
  let hi = 0xcbf29ce4
  let lo = 0x84222325
  const bytes = isAscii(key) ? null : Buffer.from(key, 'utf8')
  const len = bytes ? bytes.length : key.length
  for (let i = 0; i < len; i++) {
    lo = (lo ^ (bytes ? bytes[i]! : key.charCodeAt(i))) >>> 0
    // Multiply (hi:lo) by the FNV prime 2^40 + 0x1b3, modulo 2^64, in 32-bit halves.
    const loMul = lo * 0x1b3
    const carry = Math.floor(loMul / TWO_32)
    hi = (hi * 0x1b3 + lo * 256 + carry) >>> 0
    lo = loMul >>> 0
  }
  return (((hi % n) * (TWO_32 % n)) % n + (lo % n)) % n
}

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return false
  return true
}
