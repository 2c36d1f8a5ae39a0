/**
 * The plain GetObject, read off the socket: what a pipeline's reads and a pre-signed URL's
 * downloads are. A GET of a whole object, signed with Signature V4 (header or query), with no
 * range, condition, CORS origin or query parameter beyond the signature's and `x-id` (the AWS
 * SDKs' operation tag), is answered before @hono/node-server makes a Request: the same status,
 * headers in the same order and bytes as the route gives (S3Server.fetch through getObject).
 *
 * Anything else, and anything the route would refuse (a bad signature, a missing object, an
 * unknown repository, a duplicated header), gets undefined and takes the full route, so every
 * error is the route's own. Making a Request and a Response and reading them back cost more than
 * half of a 1 KiB read.
 */
import type { IncomingHttpHeaders } from 'node:http'
import { objectHeaders } from './object-operations.js'
import { httpTime, quoted } from './s3-context.js'
import type { S3ObjectInfo } from './s3-backend.js'
import { type S3Call, locate } from './s3-request.js'

/** A request as Node's HTTP server has it, before any Request is made. */
export interface RawRequest {
  readonly method?: string
  readonly url?: string
  readonly headers: IncomingHttpHeaders
  readonly rawHeaders: readonly string[]
}

/** What the lane needs to answer: where the object is, and how S3 signed it. */
export interface PlainGetTarget {
  readonly call: S3Call
  /** The path and the query as a URL gives them (`?` first, or empty), for the journal. */
  readonly path: string
  readonly search: string
  readonly rawQuery: string
  /** Signed in the query (a pre-signed URL), not in the Authorization header. */
  readonly presigned: boolean
}

/** A path of unreserved characters, `%` and `/` (a URL keeps it as it is), not starting `//`. */
const PLAIN_TARGET = /^(\/[A-Za-z0-9\-._~%][A-Za-z0-9\-._~%/]*)(?:\?([A-Za-z0-9\-._~%=&]*))?$/
const DOT_SEGMENT = /(^|\/)\.\.?(\/|$)/
/** Query parameters that change nothing in a GetObject's answer. */
const PLAIN_PARAMS = ['X-Amz-Algorithm', 'X-Amz-Credential', 'X-Amz-Date', 'X-Amz-Expires', 'X-Amz-SignedHeaders', 'X-Amz-Signature', 'x-id']
/** Headers that change a GetObject's answer, or the route's handling of it. */
const ROUTED_HEADERS = ['range', 'origin', 'if-match', 'if-none-match', 'if-modified-since', 'if-unmodified-since'] as const

/** The GetObject a raw request is, when it is a plain one; undefined for the route. */
export function plainGetTarget(req: RawRequest, domains: readonly string[]): PlainGetTarget | undefined {
  if (req.method !== 'GET') return undefined
  const headers = req.headers
  for (const name of ROUTED_HEADERS) if (headers[name] !== undefined) return undefined
  // A header sent twice: Node keeps one of some, a Request joins them; the route decides.
  if (Object.keys(headers).length * 2 !== req.rawHeaders.length) return undefined
  const authorization = headers.authorization
  const m = PLAIN_TARGET.exec(req.url ?? '')
  if (!m || DOT_SEGMENT.test(m[1]!)) return undefined
  const rawPath = m[1]!
  const rawQuery = m[2] ?? ''
  const presigned = plainQuery(rawQuery)
  if (presigned === undefined) return undefined
  // Signature V4 only: V2 and unsigned requests are the route's.
  if (!presigned && !authorization?.startsWith('AWS4-HMAC-SHA256 ')) return undefined
  let located: ReturnType<typeof locate>
  try {
    located = locate(rawPath, headers.host ?? '', domains)
  } catch {
    return undefined
  }
  if (!located.bucket || !located.key) return undefined
  return { call: new PlainGetCall(located.bucket, located.key, located.virtualHost, rawQuery), path: rawPath, search: rawQuery ? `?${rawQuery}` : '', rawQuery, presigned }
}

/**
 * Whether a query has only PLAIN_PARAMS (each `name` or `name=value`), and among them the signature
 * (`X-Amz-Signature=`: a pre-signed URL); undefined when it has anything else. Read in place.
 */
function plainQuery(rawQuery: string): boolean | undefined {
  let presigned = false
  if (!rawQuery) return presigned
  for (let at = 0; at <= rawQuery.length; ) {
    let end = rawQuery.indexOf('&', at)
    if (end < 0) end = rawQuery.length
    const eq = rawQuery.indexOf('=', at)
    const nameEnd = eq >= 0 && eq < end ? eq : end
    const name = plainParam(rawQuery, at, nameEnd)
    if (name === undefined) return undefined
    presigned ||= name === 'X-Amz-Signature' && nameEnd < end
    at = end + 1
  }
  return presigned
}

/** The plain parameter `rawQuery[start..end)` names, if any. */
function plainParam(rawQuery: string, start: number, end: number): string | undefined {
  for (const p of PLAIN_PARAMS) if (p.length === end - start && rawQuery.startsWith(p, start)) return p
  return undefined
}

/** A plain GetObject's call: its query (only the signature's parameters, which nothing in the lane reads) parsed if asked for. */
class PlainGetCall implements S3Call {
  readonly operation = 'GetObject'

  constructor(
    readonly bucket: string,
    readonly key: string,
    readonly virtualHost: boolean,
    private readonly rawQuery: string
  ) {}

  get query(): URLSearchParams {
    return new URLSearchParams(this.rawQuery)
  }
}

/**
 * The headers the route sends with an object's bytes: a Response's Headers iterate by name in
 * lower case and trim values, and @hono/node-server writes them in that order. Undefined when two
 * names differ only in case (Headers would join them) or a value cannot be sent: the route decides,
 * and no id is taken.
 */
export function plainGetHeaders(object: S3ObjectInfo, length: number, requestId: () => string, time = httpTime): string[] | undefined {
  if (Object.keys(object.metadata).length === 0) {
    // Most objects: objectHeaders' names and the route's three, in Headers' order.
    const type = trimHttpWhitespace(object.contentType ?? 'application/octet-stream')
    if (NOT_A_HEADER_VALUE.test(type)) return undefined
    const id = requestId()
    return ['accept-ranges', 'bytes', 'content-length', String(length), 'content-type', type, 'etag', quoted(object.etag), 'last-modified', time(object.lastModified), 'server', 'lakefs-emulator', 'x-amz-id-2', id, 'x-amz-request-id', id]
  }
  const named = { ...objectHeaders(object), 'content-length': String(length), 'x-amz-request-id': '', 'x-amz-id-2': '', server: 'lakefs-emulator' }
  const byName = new Map<string, string>()
  for (const [name, value] of Object.entries(named)) byName.set(name.toLowerCase(), trimHttpWhitespace(value))
  if (byName.size !== Object.keys(named).length || [...byName.values()].some((v) => NOT_A_HEADER_VALUE.test(v))) return undefined
  const id = requestId()
  byName.set('x-amz-request-id', id).set('x-amz-id-2', id)
  const headers: string[] = []
  for (const name of [...byName.keys()].sort()) headers.push(name, byName.get(name)!)
  return headers
}

/** What Node refuses to send in a header value (and a Response's Headers refuse too: the route answers 500). */
const NOT_A_HEADER_VALUE = /[^\t\x20-\x7e\x80-\xff]/
const trimHttpWhitespace = (value: string): string => (/^[\t\n\r ]|[\t\n\r ]$/.test(value) ? value.replace(/^[\t\n\r ]+|[\t\n\r ]+$/g, '') : value)
