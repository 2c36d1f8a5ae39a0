/** GetObject, HeadObject, PutObject, CopyObject and DeleteObject. */
import type { S3ObjectInfo } from './s3-backend.js'
import { type S3Context, emptyResponse, httpTime, isoTime, quoted, xmlResponse } from './s3-context.js'
import { s3Errors } from './s3-errors.js'
import { userMetadata } from './s3-request.js'

/** `Range: bytes=a-b | a- | -n` against `size`: [start, end) or undefined for the whole object. */
export function parseRange(header: string | null, size: number): { start: number; end: number } | undefined {
  if (!header) return undefined
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim())
  // S3 ignores what it cannot read (several ranges, other units) and answers the whole object.
  if (!m || (m[1] === '' && m[2] === '')) return undefined
  if (m[1] === '') {
    const suffix = Number(m[2])
    if (suffix === 0 || size === 0) throw s3Errors.invalidRange({ RangeRequested: header, ActualObjectSize: size })
    return { start: Math.max(0, size - suffix), end: size }
  }
  const start = Number(m[1])
  const last = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1)
  if (start >= size || last < start) throw s3Errors.invalidRange({ RangeRequested: header, ActualObjectSize: size })
  return { start, end: last + 1 }
}

export function objectHeaders(object: S3ObjectInfo): Record<string, string> {
  return {
    'last-modified': httpTime(object.lastModified),
    etag: quoted(object.etag),
    'content-type': object.contentType ?? 'application/octet-stream',
    'accept-ranges': 'bytes',
    ...object.metadata,
  }
}

/** RFC 7232's order, as S3 applies it: a failed If-Match or If-Unmodified-Since is 412, a fresh copy 304. */
function precondition(headers: Headers, object: S3ObjectInfo): 304 | 412 | undefined {
  const ifMatch = headers.get('if-match')
  const ifNoneMatch = headers.get('if-none-match')
  const ifModifiedSince = Date.parse(headers.get('if-modified-since') ?? '')
  const ifUnmodifiedSince = Date.parse(headers.get('if-unmodified-since') ?? '')
  const seconds = Math.floor(object.lastModified / 1000) * 1000
  const matches = (list: string) => list.split(',').some((t) => t.trim() === '*' || t.trim().replace(/^W\//, '').replace(/^"|"$/g, '') === object.etag)
  if (ifMatch !== null && !matches(ifMatch)) return 412
  if (ifMatch === null && !Number.isNaN(ifUnmodifiedSince) && seconds > ifUnmodifiedSince) return 412
  if (ifNoneMatch !== null && matches(ifNoneMatch)) return 304
  if (ifNoneMatch === null && !Number.isNaN(ifModifiedSince) && seconds <= ifModifiedSince) return 304
  return undefined
}

/** `response-content-type` and its kin: header overrides a (pre-signed) GET may ask for. */
function responseOverrides(query: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {}
  for (const name of ['content-type', 'content-language', 'expires', 'cache-control', 'content-disposition', 'content-encoding']) {
    const value = query.get(`response-${name}`)
    if (value !== null) out[name] = value
  }
  return out
}

export function getObject(ctx: S3Context): Response {
  const { backend, call, request } = ctx
  const object = backend.stat(call.bucket, call.key)
  const headers = { ...objectHeaders(object), ...responseOverrides(call.query) }
  if (ctx.dialect.conditionalReads) {
    const pre = precondition(request.headers, object)
    if (pre === 412) throw s3Errors.preconditionFailed({ Condition: request.headers.has('if-match') ? 'If-Match' : 'If-Unmodified-Since' })
    if (pre === 304) return emptyResponse(304, { etag: quoted(object.etag), 'last-modified': httpTime(object.lastModified) })
  }
  const range = parseRange(request.headers.get('range'), object.size)
  if (request.method === 'HEAD') {
    return emptyResponse(range ? 206 : 200, { ...headers, 'content-length': String(range ? range.end - range.start : object.size) })
  }
  // Node's Response takes any Uint8Array; the DOM types want one over a plain ArrayBuffer.
  const bytes = backend.read(call.bucket, object, range?.start ?? 0, range?.end ?? object.size) as Uint8Array<ArrayBuffer>
  if (!range) return new Response(bytes, { status: 200, headers: { ...headers, 'content-length': String(bytes.length) } })
  const contentRange = `bytes ${range.start}-${range.end - 1}/${object.size}`
  return new Response(bytes, { status: 206, headers: { ...headers, 'content-range': contentRange, 'content-length': String(bytes.length) } })
}

export async function putObject(ctx: S3Context): Promise<Response> {
  const { backend, call, request } = ctx
  const ifNoneMatch = request.headers.get('if-none-match') ?? undefined
  if (ifNoneMatch !== undefined && ifNoneMatch !== '*') throw s3Errors.notImplemented()
  const bytes = await ctx.body()
  const object = backend.put(call.bucket, call.key, { bytes, contentType: request.headers.get('content-type') ?? undefined, metadata: userMetadata(request.headers), ifNoneMatch })
  return emptyResponse(200, { etag: quoted(object.etag) })
}

/** `x-amz-copy-source: [/]bucket/key[?versionId=...]`, URL-encoded. */
export function copySource(header: string): { bucket: string; key: string } {
  let decoded: string
  try {
    decoded = decodeURIComponent(header.replace(/\?versionId=.*$/, ''))
  } catch {
    throw s3Errors.invalidCopySource()
  }
  const path = decoded.replace(/^\//, '')
  const slash = path.indexOf('/')
  if (slash <= 0 || slash === path.length - 1) throw s3Errors.invalidCopySource()
  return { bucket: path.slice(0, slash), key: path.slice(slash + 1) }
}

export function copyObject(ctx: S3Context): Response {
  const { backend, call, request } = ctx
  const source = copySource(request.headers.get('x-amz-copy-source')!)
  const directive = (request.headers.get('x-amz-metadata-directive') ?? 'COPY').toUpperCase()
  if (directive !== 'COPY' && directive !== 'REPLACE') throw s3Errors.invalidArgument('Unknown metadata directive.')
  const replace = directive === 'REPLACE' ? { contentType: request.headers.get('content-type') ?? undefined, metadata: userMetadata(request.headers) } : undefined
  const object = backend.copy(source, call.bucket, call.key, replace)
  return xmlResponse('CopyObjectResult', { LastModified: isoTime(object.lastModified), ETag: quoted(object.etag) })
}

export function deleteObject(ctx: S3Context): Response {
  ctx.backend.delete(ctx.call.bucket, ctx.call.key)
  return emptyResponse(204)
}
