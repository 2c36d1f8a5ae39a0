/**
 * V4 signed URLs for the GCS endpoint, as lakeFS's GCS adapter hands them out for a `gs` blockstore
 * (block/gs GetPreSignedURL: `storage.SignedURL` with SigningSchemeV4). lakeFS signs with a service
 * account's RSA key; the emulator signs with an HMAC key (`GOOG4-HMAC-SHA256`, GCS's other V4
 * scheme), the installation's first credential, and its GCS endpoint checks what it signed.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto'
import { gcsErrors, GcsError } from './gcs-errors.js'

const ALGORITHM = 'GOOG4-HMAC-SHA256'
const hmac = (key: Buffer | string, text: string) => createHmac('sha256', key).update(text, 'utf8').digest()
const stamp = (ms: number) => new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}Z$/, 'Z')

function stringToSign(method: string, url: URL, date: string, scope: string): string {
  const query = [...url.searchParams]
    .filter(([k]) => k !== 'X-Goog-Signature')
    .map(([k, v]) => [encodeURIComponent(k), encodeURIComponent(v)] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&')
  const canonical = [method, url.pathname, query, `host:${url.host}\n`, 'host', 'UNSIGNED-PAYLOAD'].join('\n')
  return [ALGORITHM, date, scope, createHash('sha256').update(canonical).digest('hex')].join('\n')
}

function signingKey(secret: string, day: string): Buffer {
  return hmac(hmac(hmac(hmac(`GOOG4${secret}`, day), 'auto'), 'storage'), 'goog4_request')
}

/** Signs `url` (an object's URL on the GCS endpoint) for `method`, valid `expiresSeconds` from `now`. */
export function signGcsUrl(method: 'GET' | 'PUT', url: URL, credential: { accessKeyId: string; secretAccessKey: string }, now: number, expiresSeconds: number): string {
  const date = stamp(now)
  const scope = `${date.slice(0, 8)}/auto/storage/goog4_request`
  const signed = new URL(url)
  signed.searchParams.set('X-Goog-Algorithm', ALGORITHM)
  signed.searchParams.set('X-Goog-Credential', `${credential.accessKeyId}/${scope}`)
  signed.searchParams.set('X-Goog-Date', date)
  signed.searchParams.set('X-Goog-Expires', String(expiresSeconds))
  signed.searchParams.set('X-Goog-SignedHeaders', 'host')
  const signature = hmac(signingKey(credential.secretAccessKey, date.slice(0, 8)), stringToSign(method, signed, date, scope)).toString('hex')
  signed.searchParams.set('X-Goog-Signature', signature)
  return signed.toString()
}

/** Checks a signed URL: its algorithm, key, signature and expiry (on the wall clock). */
export function verifyGcsUrl(method: string, url: URL, secretFor: (accessKeyId: string) => string | undefined, now: number): void {
  const q = url.searchParams
  const denied = (why: string) => new GcsError(403, 'SignatureDoesNotMatch', why)
  if (q.get('X-Goog-Algorithm') !== ALGORITHM) throw denied(`The signed URL's algorithm must be ${ALGORITHM} on this endpoint.`)
  const [accessKeyId = '', ...scopeParts] = (q.get('X-Goog-Credential') ?? '').split('/')
  const secret = secretFor(accessKeyId)
  if (!secret) throw denied('The access key in the signed URL is unknown.')
  const date = q.get('X-Goog-Date') ?? ''
  const expires = Number(q.get('X-Goog-Expires'))
  const signedAt = Date.parse(`${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6, 8)}T${date.slice(9, 11)}:${date.slice(11, 13)}:${date.slice(13, 15)}Z`)
  if (!(signedAt > 0) || !(expires > 0)) throw gcsErrors.invalid('The signed URL has no valid X-Goog-Date or X-Goog-Expires.')
  if (now > signedAt + expires * 1000) throw new GcsError(400, 'ExpiredToken', 'Invalid argument. Request has expired.')
  const scope = scopeParts.join('/')
  const expected = hmac(signingKey(secret, date.slice(0, 8)), stringToSign(method, url, date, scope))
  const given = Buffer.from(q.get('X-Goog-Signature') ?? '', 'hex')
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw denied('The request signature we calculated does not match the signature you provided.')
}
