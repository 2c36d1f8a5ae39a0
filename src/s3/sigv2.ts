/**
 * AWS Signature Version 2, which S3 and lakeFS's gateway still accept (pkg/gateway/sig/v2.go) and
 * which boto3 uses for `generate_presigned_url` unless told otherwise: `Authorization: AWS
 * <key>:<signature>` or `?AWSAccessKeyId=&Signature=&Expires=`, an HMAC-SHA1 of the verb, the
 * Content-MD5 and Content-Type, the date (or expiry), the x-amz-* headers and the resource.
 */
import { createHmac, timingSafeEqual } from 'node:crypto'
import type { SignedRequest, SigV4Result } from './sigv4.js'
import { HmacKey } from './sigv4-keys.js'

/** V2 has no V4 chunk signatures: an empty key, which no chunk a client signed matches. */
const NO_KEY = new HmacKey(Buffer.alloc(0))

/** Query parameters that are part of the signed resource (botocore auth.py's QSAOfInterest). */
const SUBRESOURCES = new Set([
  'accelerate', 'acl', 'cors', 'defaultObjectAcl', 'location', 'logging', 'partNumber', 'policy', 'requestPayment', 'torrent',
  'versioning', 'versionId', 'versions', 'website', 'uploads', 'uploadId', 'response-content-type', 'response-content-language',
  'response-expires', 'response-cache-control', 'response-content-disposition', 'response-content-encoding', 'delete', 'lifecycle',
  'tagging', 'restore', 'storageClass', 'notification', 'replication', 'analytics', 'metrics', 'inventory', 'select', 'select-type',
  'object-lock',
])

export const isSigV2 = (req: SignedRequest): boolean =>
  (req.headers.authorization ?? '').startsWith('AWS ') || /(^|&)AWSAccessKeyId=/.test(req.rawQuery)

/**
 * Verifies a V2 signature. `bucket` is the bucket named by the host in virtual-host style (the
 * signed resource starts with it); `now` (epoch ms) is what a query signature's Expires is held to.
 */
export function verifySigV2(req: SignedRequest, secretFor: (accessKeyId: string) => string | undefined, options: { now: number; bucket?: string }): SigV4Result {
  const q = new URLSearchParams(req.rawQuery)
  const presigned = q.has('AWSAccessKeyId')
  const header = /^AWS ([^:]+):(.+)$/.exec(req.headers.authorization ?? '')
  const accessKeyId = presigned ? q.get('AWSAccessKeyId')! : header?.[1]
  const given = presigned ? q.get('Signature') : header?.[2]
  if (!accessKeyId || !given) return { ok: false, code: 'AccessDenied', status: 403, message: 'Access Denied' }
  const secret = secretFor(accessKeyId)
  if (secret === undefined) return { ok: false, code: 'InvalidAccessKeyId', status: 403, message: 'The AWS Access Key Id you provided does not exist in our records.' }
  const expires = q.get('Expires')
  if (presigned && (!expires || !/^\d+$/.test(expires) || Number(expires) * 1000 < options.now)) {
    return { ok: false, code: 'AccessDenied', status: 403, message: 'Request has expired' }
  }
  const date = presigned ? expires! : req.headers['x-amz-date'] !== undefined ? '' : (req.headers.date ?? '')
  const head = [req.method, req.headers['content-md5'] ?? '', req.headers['content-type'] ?? '', date].join('\n') + '\n' + amzHeaders(req)
  // A bucket-level resource is signed as `/bucket` by some clients and `/bucket/` by others (botocore).
  const paths = /^\/[^/]+$/.test(req.rawPath) ? [req.rawPath, `${req.rawPath}/`] : [req.rawPath]
  const matches = paths.some((path) => {
    const expected = createHmac('sha1', secret).update(head + resource({ ...req, rawPath: path }, options.bucket)).digest('base64')
    return expected.length === given.length && timingSafeEqual(Buffer.from(expected), Buffer.from(given))
  })
  if (!matches) {
    return { ok: false, code: 'SignatureDoesNotMatch', status: 403, message: 'The request signature we calculated does not match the signature you provided. Check your key and signing method.' }
  }
  return { ok: true, accessKeyId, presigned, payloadHash: 'UNSIGNED-PAYLOAD', signingKey: NO_KEY, scope: '', amzDate: '', seedSignature: '' }
}

function amzHeaders(req: SignedRequest): string {
  return Object.keys(req.headers)
    .filter((name) => name.startsWith('x-amz-') && req.headers[name] !== undefined)
    .sort()
    .map((name) => `${name}:${req.headers[name]!.trim()}\n`)
    .join('')
}

/** The path as sent (with the host's bucket first in virtual-host style), then the signed subresources. */
function resource(req: SignedRequest, bucket?: string): string {
  const sub = req.rawQuery
    .split('&')
    .filter(Boolean)
    .map((pair) => {
      const i = pair.indexOf('=')
      return i < 0 ? ([decodeURIComponent(pair), undefined] as const) : ([decodeURIComponent(pair.slice(0, i)), decodeURIComponent(pair.slice(i + 1).replace(/\+/g, ' '))] as const)
    })
    .filter(([name]) => SUBRESOURCES.has(name))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, value]) => (value === undefined ? name : `${name}=${value}`))
  return `${bucket ? `/${bucket}` : ''}${req.rawPath}${sub.length ? `?${sub.join('&')}` : ''}`
}
