/**
 * Signature V4 signing keys, and the HMAC a request's signature check makes with one. A key is the
 * same all day for a secret and a scope, so a door keeps the last few (SigningKeys); each kept key
 * has its HMAC pads laid out once (RFC 2104), and a signature is then two one-shot SHA-256 hashes
 * into buffers it owns: the same bytes as `createHmac`, in about two thirds of its time. Pre-signing
 * and `aws-chunked` chunk signatures use the same HmacKey.
 */
import { createHmac, hash } from 'node:crypto'

/** SHA-256's block size in bytes. */
const BLOCK = 64

/** The signing key of a scope `date/region/service/aws4_request`: four HMACs from the secret. */
export function deriveKey(secret: string, scope: string): Buffer {
  const [date, region, service] = scope.split('/') as [string, string, string]
  let key: Buffer = createHmac('sha256', `AWS4${secret}`).update(date).digest()
  for (const part of [region, service, 'aws4_request']) key = createHmac('sha256', key).update(part).digest()
  return key
}

/** A key ready to sign with: HMAC-SHA256 over its pads. */
export class HmacKey {
  /** The inner pad, then room for the data. */
  #inner: Buffer
  /** The outer pad, then the inner hash. */
  readonly #outer = Buffer.allocUnsafe(BLOCK + 32)

  constructor(readonly key: Buffer) {
    const k = key.length > BLOCK ? hash('sha256', key, 'buffer') : key
    this.#inner = Buffer.allocUnsafe(BLOCK + 512)
    for (let i = 0; i < BLOCK; i++) {
      this.#inner[i] = (k[i] ?? 0) ^ 0x36
      this.#outer[i] = (k[i] ?? 0) ^ 0x5c
    }
  }

  /** HMAC-SHA256 of `data` (UTF-8), in hex. */
  hex(data: string): string {
    // A UTF-8 character takes at most three bytes per UTF-16 unit.
    if (BLOCK + data.length * 3 > this.#inner.length) {
      const grown = Buffer.allocUnsafe(BLOCK + data.length * 3)
      this.#inner.copy(grown, 0, 0, BLOCK)
      this.#inner = grown
    }
    const n = this.#inner.write(data, BLOCK, 'utf8')
    // 'binary' (Latin-1) out and in carries the 32 digest bytes as they are, without a Buffer for them.
    this.#outer.write(hash('sha256', this.#inner.subarray(0, BLOCK + n), 'binary'), BLOCK, 'latin1')
    return hash('sha256', this.#outer, 'hex')
  }
}

/** The last signing keys a door used, by secret and scope (both strings the door sees again and again). */
export class SigningKeys {
  readonly #bySecret = new Map<string, Map<string, HmacKey>>()

  get(secret: string, scope: string): HmacKey {
    let scopes = this.#bySecret.get(secret)
    if (!scopes) {
      if (this.#bySecret.size >= 16) this.#bySecret.clear()
      this.#bySecret.set(secret, (scopes = new Map()))
    }
    let key = scopes.get(scope)
    if (!key) {
      if (scopes.size >= 64) scopes.delete(scopes.keys().next().value!)
      scopes.set(scope, (key = new HmacKey(deriveKey(secret, scope))))
    }
    return key
  }
}
