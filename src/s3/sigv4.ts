/**
 * AWS Signature Version 4 as S3 checks it, for the S3 front doors (the fake store's endpoint and
 * lakeFS's gateway) and the pre-signed URLs they accept: the `Authorization` header form and the
 * query form (`X-Amz-Signature`), verified for real against the credentials the caller looks up.
 * The canonical request follows S3's rules: the path is signed once-encoded and never normalized.
 * No clock of its own: the caller says what time it is (clients sign with their wall clock).
 */
import { hash } from 'node:crypto'
import { canonicalQuery, canonicalUri, decodeQuery, type QueryPair } from './sigv4-canonical.js'
import { deriveKey, HmacKey, type SigningKeys } from './sigv4-keys.js'

export interface SignedRequest {
  readonly method: string
  /** The path as sent, still percent-encoded. */
  readonly rawPath: string
  /** The query string as sent, without the `?`. */
  readonly rawQuery: string
  /** Header names in lower case. */
  readonly headers: Readonly<Record<string, string | undefined>>
}

export interface VerifyOptions {
  /** The caller's idea of now, epoch ms. */
  readonly now: number
  /** How far a header-signed request's time may be from `now` (S3: 15 minutes). */
  readonly maxSkewMs?: number
  /** Where derived signing keys are kept between requests. */
  readonly keyCache?: SigningKeys
  /** Where what query strings say for signing is kept between requests (see queryView). */
  readonly queryCache?: Map<string, QueryView>
}

/** S3's error codes for authentication, with its statuses. */
export type SigV4Error =
  | { readonly code: 'AccessDenied'; readonly status: 403; readonly message: string }
  | { readonly code: 'InvalidAccessKeyId'; readonly status: 403; readonly message: string }
  | { readonly code: 'SignatureDoesNotMatch'; readonly status: 403; readonly message: string }
  | { readonly code: 'RequestTimeTooSkewed'; readonly status: 403; readonly message: string }
  | { readonly code: 'AuthorizationHeaderMalformed'; readonly status: 400; readonly message: string }
  | { readonly code: 'AuthorizationQueryParametersError'; readonly status: 400; readonly message: string }

export type SigV4Result =
  | ({ readonly ok: true; readonly accessKeyId: string; readonly presigned: boolean; readonly payloadHash: string } & ChunkSigning)
  | ({ readonly ok: false } & SigV4Error)

const ALGORITHM = 'AWS4-HMAC-SHA256'
const MAX_PRESIGNED_SECONDS = 7 * 24 * 3600
const DEFAULT_SKEW_MS = 15 * 60 * 1000

/** What verifying the chunks of a signed `aws-chunked` body needs: the seed signature and its key. */
export interface ChunkSigning {
  readonly signingKey: HmacKey
  readonly scope: string
  readonly amzDate: string
  readonly seedSignature: string
}

interface Parsed {
  readonly accessKeyId: string
  readonly scope: string
  readonly date: string
  readonly signedHeaders: readonly string[]
  readonly signature: string
  readonly amzDate: string
  /** `amzDate` in epoch ms; undefined when it is not a valid ISO 8601 basic time. */
  readonly signedAtMs: number | undefined
  readonly expiresSeconds?: number
}

/** Verifies a request's signature; `secretFor` gives the secret of an access key id, if it exists. */
export function verifySigV4(req: SignedRequest, secretFor: (accessKeyId: string) => string | undefined, options: VerifyOptions): SigV4Result {
  const view = queryView(req.rawQuery, options.queryCache)
  const presigned = view.presign !== undefined
  const parsed = view.presign ?? fromHeader(req)
  if ('code' in parsed) return { ok: false, ...parsed }
  const payloadHash = req.headers['x-amz-content-sha256'] ?? 'UNSIGNED-PAYLOAD'
  const secret = secretFor(parsed.accessKeyId)
  if (secret === undefined) {
    return failure('InvalidAccessKeyId', 403, 'The AWS Access Key Id you provided does not exist in our records.')
  }
  const signedAt = parsed.signedAtMs
  if (signedAt === undefined || !parsed.amzDate.startsWith(parsed.date)) {
    return failure(presigned ? 'AuthorizationQueryParametersError' : 'AuthorizationHeaderMalformed', 400, `X-Amz-Date ${parsed.amzDate} does not match the credential's date ${parsed.date}`)
  }
  if (parsed.expiresSeconds !== undefined && options.now > signedAt + parsed.expiresSeconds * 1000) {
    return failure('AccessDenied', 403, 'Request has expired')
  }
  if (!presigned && Math.abs(options.now - signedAt) > (options.maxSkewMs ?? DEFAULT_SKEW_MS)) {
    return failure('RequestTimeTooSkewed', 403, 'The difference between the request time and the current time is too large.')
  }
  const key = options.keyCache?.get(secret, parsed.scope) ?? new HmacKey(deriveKey(secret, parsed.scope))
  const expected = key.hex(stringToSign(parsed.amzDate, parsed.scope, canonicalRequest(req, parsed.signedHeaders, payloadHash, view.canonical)))
  if (!sameHex(expected, parsed.signature)) {
    return failure('SignatureDoesNotMatch', 403, 'The request signature we calculated does not match the signature you provided. Check your key and signing method.')
  }
  return { ok: true, accessKeyId: parsed.accessKeyId, presigned, payloadHash, signingKey: key, scope: parsed.scope, amzDate: parsed.amzDate, seedSignature: parsed.signature }
}

function failure<C extends SigV4Error['code']>(code: C, status: Extract<SigV4Error, { code: C }>['status'], message: string): SigV4Result {
  return { ok: false, code, status, message } as SigV4Result
}

/** `Authorization: AWS4-HMAC-SHA256 Credential=AKID/20240115/us-east-1/s3/aws4_request, SignedHeaders=..., Signature=...` */
function fromHeader(req: SignedRequest): Parsed | SigV4Error {
  const header = req.headers.authorization
  if (!header) return { code: 'AccessDenied', status: 403, message: 'Access Denied' }
  const m = /^AWS4-HMAC-SHA256\s+Credential=([^,\s]+),\s*SignedHeaders=([^,\s]+),\s*Signature=([0-9a-f]{64})\s*$/.exec(header)
  if (!m) return { code: 'AuthorizationHeaderMalformed', status: 400, message: 'The authorization header is malformed; expected AWS4-HMAC-SHA256 Credential=..., SignedHeaders=..., Signature=...' }
  const credential = splitCredential(m[1]!)
  if (!credential) return { code: 'AuthorizationHeaderMalformed', status: 400, message: `The authorization header is malformed; the Credential is not <key>/<date>/<region>/s3/aws4_request: ${m[1]}` }
  const amzDate = req.headers['x-amz-date'] ?? ''
  return { accessKeyId: credential.accessKeyId, date: credential.date, scope: credential.scope, signedHeaders: m[2]!.split(';'), signature: m[3]!, amzDate, signedAtMs: amzDateMs(amzDate) }
}

/** `?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=...&X-Amz-Date=...&X-Amz-Expires=...&X-Amz-SignedHeaders=...&X-Amz-Signature=...` */
function fromQuery(query: readonly QueryPair[]): Parsed | SigV4Error {
  // The first of each, as URLSearchParams.get would give.
  let algorithm, credentialText, amzDate, expiresText, signedHeaders, signature: string | undefined
  for (const [name, value] of query) {
    if (!name.startsWith('X-Amz-')) continue
    if (name === 'X-Amz-Algorithm') algorithm ??= value
    else if (name === 'X-Amz-Credential') credentialText ??= value
    else if (name === 'X-Amz-Date') amzDate ??= value
    else if (name === 'X-Amz-Expires') expiresText ??= value
    else if (name === 'X-Amz-SignedHeaders') signedHeaders ??= value
    else if (name === 'X-Amz-Signature') signature ??= value
  }
  const bad = (message: string): SigV4Error => ({ code: 'AuthorizationQueryParametersError', status: 400, message })
  if (algorithm !== ALGORITHM) return bad('X-Amz-Algorithm only supports "AWS4-HMAC-SHA256"')
  const credential = splitCredential(credentialText ?? '')
  if (!credential) return bad('Error parsing the X-Amz-Credential parameter; expected <key>/<date>/<region>/s3/aws4_request')
  if (!/^\d+$/.test(expiresText ?? '')) return bad('X-Amz-Expires should be a number')
  const expires = Number(expiresText)
  if (expires > MAX_PRESIGNED_SECONDS) return bad('X-Amz-Expires must be less than a week (in seconds) that is 604800')
  if (!/^[0-9a-f]{64}$/.test(signature ?? '')) return bad('X-Amz-Signature should be 64 hexadecimal characters')
  return {
    accessKeyId: credential.accessKeyId,
    date: credential.date,
    scope: credential.scope,
    signedHeaders: (signedHeaders ?? '').split(';'),
    signature: signature!,
    amzDate: amzDate ?? '',
    signedAtMs: amzDateMs(amzDate ?? ''),
    expiresSeconds: expires,
  }
}

function splitCredential(value: string): Pick<Parsed, 'accessKeyId' | 'scope' | 'date'> | undefined {
  const slash = value.indexOf('/')
  const parts = value.split('/')
  if (parts.length !== 5 || parts[4] !== 'aws4_request' || !/^\d{8}$/.test(parts[1]!) || !parts[0] || !parts[2] || !parts[3]) return undefined
  return { accessKeyId: parts[0], date: parts[1]!, scope: value.slice(slash + 1) }
}

function amzDateMs(amzDate: string): number | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(amzDate)
  return m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6])) : undefined
}

/** What a query string says for signing: its canonical form, and a pre-signed URL's parameters. */
export interface QueryView {
  readonly canonical: string
  /** Present when the query carries `X-Amz-Signature`: the parameters, or what is wrong with them. */
  readonly presign?: Parsed | SigV4Error
}

/**
 * The query's view, kept in `cache` by query string when given: a pre-signed URL is fetched again and
 * again with the same query, and an SDK's GetObject always sends `x-id=GetObject`. The time, headers
 * and signature are checked on every request all the same.
 */
function queryView(rawQuery: string, cache?: Map<string, QueryView>): QueryView {
  const kept = cache?.get(rawQuery)
  if (kept) return kept
  const query = decodeQuery(rawQuery)
  const presigned = /(^|&)X-Amz-Signature=/.test(rawQuery)
  const view: QueryView = { canonical: canonicalQuery(query, presigned), presign: presigned ? fromQuery(query) : undefined }
  if (cache) {
    if (cache.size >= 64) cache.delete(cache.keys().next().value!)
    cache.set(rawQuery, view)
  }
  return view
}

/** The canonical request: method, URI, query, headers, signed headers and payload hash. */
function canonicalRequest(req: SignedRequest, signedHeaders: readonly string[], payloadHash: string, query: string): string {
  let headers = ''
  for (const name of signedHeaders) headers += `${name}:${(req.headers[name] ?? '').trim().replace(/\s+/g, ' ')}\n`
  return `${req.method}\n${canonicalUri(req.rawPath)}\n${query}\n${headers}\n${signedHeaders.join(';')}\n${payloadHash}`
}

function stringToSign(amzDate: string, scope: string, canonical: string): string {
  return [ALGORITHM, amzDate, scope, sha256Hex(canonical)].join('\n')
}

// One-shot hashing (crypto.hash) costs a third of a Hash object's.
export const sha256Hex = (data: string | Uint8Array): string => hash('sha256', data, 'hex')

export interface PresignInput {
  readonly method: string
  /** The URL to sign (its path as the client will send it). */
  readonly url: URL
  readonly accessKeyId: string
  readonly secretAccessKey: string
  readonly region: string
  /** When the URL is signed (epoch ms): it expires `expiresSeconds` later. */
  readonly now: number
  readonly expiresSeconds: number
}

/** A pre-signed URL, as an AWS SDK's presigner makes one: only `host` signed, payload unsigned. */
export function presignUrl(input: PresignInput): string {
  const amzDate = new Date(input.now).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '')
  const scope = `${amzDate.slice(0, 8)}/${input.region}/s3/aws4_request`
  const url = new URL(input.url)
  const q = url.searchParams
  q.set('X-Amz-Algorithm', ALGORITHM)
  q.set('X-Amz-Credential', `${input.accessKeyId}/${scope}`)
  q.set('X-Amz-Date', amzDate)
  q.set('X-Amz-Expires', String(input.expiresSeconds))
  q.set('X-Amz-SignedHeaders', 'host')
  const rawQuery = url.search.slice(1)
  const canonical = canonicalRequest({ method: input.method, rawPath: url.pathname, rawQuery, headers: { host: url.host } }, ['host'], 'UNSIGNED-PAYLOAD', queryView(rawQuery).canonical)
  q.set('X-Amz-Signature', new HmacKey(deriveKey(input.secretAccessKey, scope)).hex(stringToSign(amzDate, scope, canonical)))
  return url.toString()
}

/** Compared in constant time for equal lengths (a signature's is public). */
function sameHex(a: string, b: string): boolean {
  if (a.length !== b.length) return false
  let diff = 0
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i)
  return diff === 0
}
