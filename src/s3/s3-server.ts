/**
 * One S3 front door: a fetch handler that authenticates a request with Signature V4 against the
 * credentials it is given, takes it apart into an operation, runs it over its backend and answers
 * S3's XML (errors included). The fake store's endpoint and lakeFS's gateway are two of these.
 */
import * as buckets from './bucket-operations.js'
import { MultipartUploads } from './multipart.js'
import * as multipart from './multipart-operations.js'
import * as objects from './object-operations.js'
import type { S3Backend } from './s3-backend.js'
import { type S3Context, type S3Dialect, type S3Handler, httpTime } from './s3-context.js'
import { S3Error, s3Errors } from './s3-errors.js'
import { type S3Call, type S3Operation, classify, locate, readPayload } from './s3-request.js'
import { isSigV2, verifySigV2 } from './sigv2.js'
import { type ChunkSigning, type QueryView, verifySigV4 } from './sigv4.js'
import { SigningKeys } from './sigv4-keys.js'
import { errorDocument } from './xml.js'
import { type PlainGetTarget, type RawRequest, plainGetHeaders, plainGetTarget } from './plain-get.js'

export interface S3ServerOptions {
  /** The backend at call time (a scenario reload replaces the world behind it). */
  readonly backend: () => S3Backend
  readonly dialect: S3Dialect
  /** The secret of an access key id, if it exists. */
  readonly secretFor: (accessKeyId: string) => string | undefined
  /** Wall time: what clients sign header requests with (their clocks are real). */
  readonly wallClock: () => number
  /** Emulator time: what pre-signed URLs expire on, and objects are written at. */
  readonly clock: () => number
  /** The largest body accepted (EntityTooLarge beyond). */
  readonly maxObjectBytes: number
  /** Domains under which the host names the bucket (virtual-host style). */
  readonly domains?: readonly string[]
  /** Errors that are not answered but thrown on to the server (a dropped connection). */
  readonly rethrow?: (err: unknown) => boolean
  /** A front door's own routing (lakeFS's gateway answers some paths before any operation). */
  readonly route?: (call: S3Call, method: string) => Response | undefined
  /** Told of an error that is not S3's (answered InternalError). */
  readonly onInternalError?: (err: unknown) => void
  /** Told of each authenticated request that reaches an operation (lakeFS's gateway counts them as usage). */
  readonly onOperation?: () => void
}

const HANDLERS: Record<Exclude<S3Operation, 'Unsupported'>, S3Handler> = {
  ListBuckets: buckets.listBuckets,
  CreateBucket: buckets.createBucket,
  HeadBucket: buckets.headBucket,
  DeleteBucket: buckets.deleteBucket,
  GetBucketLocation: buckets.getBucketLocation,
  GetBucketVersioning: buckets.getBucketVersioning,
  ListObjects: buckets.listObjects,
  ListObjectsV2: buckets.listObjectsV2,
  DeleteObjects: buckets.deleteObjects,
  GetObject: objects.getObject,
  HeadObject: objects.getObject,
  PutObject: objects.putObject,
  CopyObject: objects.copyObject,
  DeleteObject: objects.deleteObject,
  CreateMultipartUpload: multipart.createMultipartUpload,
  UploadPart: multipart.uploadPart,
  UploadPartCopy: multipart.uploadPartCopy,
  CompleteMultipartUpload: multipart.completeMultipartUpload,
  AbortMultipartUpload: multipart.abortMultipartUpload,
  ListParts: multipart.listParts,
}

/** Subresources S3 has and the emulator does not serve: NotImplemented, never mistaken for a plain GET or PUT. */
const UNSERVED = ['acl', 'tagging', 'policy', 'cors', 'lifecycle', 'website', 'replication', 'encryption', 'notification', 'logging', 'object-lock', 'retention', 'legal-hold', 'attributes', 'torrent', 'restore', 'select', 'versions', 'accelerate', 'requestPayment', 'analytics', 'inventory', 'metrics', 'ownershipControls', 'publicAccessBlock', 'intelligent-tiering']

/** What a browser may read of an answer (S3's ExposeHeaders for a permissive CORS rule). */
const CORS_HEADERS = {
  'access-control-allow-origin': '*',
  'access-control-expose-headers': 'ETag, Content-Length, Content-Range, Content-Type, Last-Modified, Accept-Ranges, x-amz-request-id, x-amz-id-2',
}

/** A CORS preflight: every method S3 serves, the headers asked for, cached for a day. */
function preflight(request: Request, headers: Record<string, string>): Response {
  return new Response(null, {
    status: 200,
    headers: {
      ...headers,
      'access-control-allow-methods': 'GET, PUT, POST, DELETE, HEAD',
      'access-control-allow-headers': request.headers.get('access-control-request-headers') ?? '*',
      'access-control-max-age': '86400',
      vary: 'Origin, Access-Control-Request-Headers, Access-Control-Request-Method',
    },
  })
}

/** `format`, remembering its last answer. */
function lastOf(format: (ms: number) => string): (ms: number) => string {
  let last = Number.NaN
  let text = ''
  return (ms) => (ms === last ? text : ((last = ms), (text = format(ms))))
}

export class S3Server {
  readonly uploads = new MultipartUploads()
  /** Signing keys derived lately (a day's requests share one). */
  readonly #keys = new SigningKeys()
  /** Query strings lately signed with (a pre-signed URL is fetched again and again). */
  readonly #queries = new Map<string, QueryView>()
  /** The last Last-Modified formatted: the reads of one object ask for it again and again. */
  readonly #lastModified = lastOf(httpTime)

  constructor(private readonly options: S3ServerOptions) {}

  /** The operation a request names (for journals and fault rules), without authenticating it. */
  resolve(request: Request): S3Call {
    const url = new URL(request.url)
    const { bucket, key, virtualHost } = locate(url.pathname, request.headers.get('host') ?? url.host, this.options.domains ?? [])
    const query = url.searchParams
    const unserved = UNSERVED.some((name) => query.has(name)) || (query.has('uploads') && request.method === 'GET')
    const operation = unserved ? 'Unsupported' : classify(request.method, bucket, key, query, request.headers)
    return { operation, bucket, key, virtualHost, query }
  }

  /** Answers a request; `before` runs first, as middleware would (fault rules: wait, answer or drop). */
  async fetch(request: Request, requestId: string, call = this.resolve(request), before?: () => void | Promise<void>): Promise<Response> {
    const headers: Record<string, string> = { 'x-amz-request-id': requestId, 'x-amz-id-2': requestId, server: 'lakefs-emulator' }
    const origin = this.options.dialect.cors ? request.headers.get('origin') : null
    if (origin !== null) Object.assign(headers, CORS_HEADERS)
    if (origin !== null && request.method === 'OPTIONS') return preflight(request, headers)
    try {
      await before?.()
      const response = await this.#serve(request, call)
      for (const [name, value] of Object.entries(headers)) response.headers.set(name, value)
      return response
    } catch (err) {
      if (this.options.rethrow?.(err)) throw err
      const e = err instanceof S3Error ? err : s3Errors.internalError()
      if (!(err instanceof S3Error)) this.options.onInternalError?.(err)
      const resource = new URL(request.url).pathname
      const body = request.method === 'HEAD' ? null : errorDocument(e, resource, requestId)
      return new Response(body, { status: e.status, headers: { ...e.headers, ...headers, 'content-type': 'application/xml' } })
    }
  }

  /**
   * A plain GetObject's answer on the socket (see plain-get.ts), or undefined for the route;
   * `requestId` is called only for a request it answers.
   */
  plainGet(req: RawRequest, requestId: () => string): { target: PlainGetTarget; headers: string[]; body: Uint8Array } | undefined {
    const target = plainGetTarget(req, this.options.domains ?? [])
    if (!target) return undefined
    const signed = { method: 'GET', rawPath: target.path, rawQuery: target.rawQuery, headers: req.headers as Record<string, string | undefined> }
    if (!verifySigV4(signed, this.options.secretFor, { now: target.presigned ? this.options.clock() : this.options.wallClock(), keyCache: this.#keys, queryCache: this.#queries }).ok) return undefined
    try {
      if (this.options.route?.(target.call, 'GET')) return undefined
      const backend = this.options.backend()
      const object = backend.stat(target.call.bucket, target.call.key)
      const body = backend.read(target.call.bucket, object, 0, object.size)
      const headers = plainGetHeaders(object, body.length, requestId, this.#lastModified)
      if (headers) this.options.onOperation?.()
      return headers && { target, headers, body }
    } catch {
      // The route's error (NoSuchKey, NoSuchBucket, ...), in S3's XML.
      return undefined
    }
  }

  async #serve(request: Request, call: S3Call): Promise<Response> {
    const signing = this.#authenticate(request, call)
    const routed = this.options.route?.(call, request.method)
    if (routed) return routed
    if (call.operation === 'Unsupported') throw s3Errors.notImplemented()
    this.options.onOperation?.()
    const payloadHash = request.headers.get('x-amz-content-sha256') ?? 'UNSIGNED-PAYLOAD'
    const ctx: S3Context = {
      request,
      call,
      backend: this.options.backend(),
      dialect: this.options.dialect,
      uploads: this.uploads,
      now: this.options.clock(),
      body: () => readPayload(request, payloadHash, signing, this.options.maxObjectBytes),
    }
    return HANDLERS[call.operation](ctx)
  }

  /** Signature V4 (or V2), header or query form; what chunk signatures chain from. */
  #authenticate(request: Request, call: S3Call): ChunkSigning {
    const url = new URL(request.url)
    const rawQuery = url.search.slice(1)
    const presigned = /(^|&)X-Amz-Signature=/.test(rawQuery)
    const headers: Record<string, string> = {}
    request.headers.forEach((value, name) => {
      headers[name] = value
    })
    const signed = { method: request.method, rawPath: url.pathname, rawQuery, headers }
    const result = isSigV2(signed)
      ? verifySigV2(signed, this.options.secretFor, { now: this.options.clock(), bucket: call.virtualHost ? call.bucket : undefined })
      : verifySigV4(signed, this.options.secretFor, { now: presigned ? this.options.clock() : this.options.wallClock(), keyCache: this.#keys, queryCache: this.#queries })
    if (!result.ok) {
      if (result.code === 'InvalidAccessKeyId' && this.options.dialect.unknownKey === 'AccessDenied') throw s3Errors.accessDenied()
      throw new S3Error(result.code, result.status, result.message)
    }
    return result
  }
}
