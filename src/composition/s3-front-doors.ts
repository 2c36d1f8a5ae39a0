/**
 * The S3 front doors, built over the runtime: the fake store's own endpoint (its port) and
 * lakeFS's S3 gateway (on the lakeFS port, where run.go sends a request: a host under the gateway
 * domain, or an AWS signature). Both verify Signature V4 against the scenario's credentials,
 * record every request in the journal (operations `s3:<Op>` and `gateway:<Op>`), and read the
 * world at call time, so a reset or reload is seen at once.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { RequestIds } from '../api/middleware/request-id.js'
import type { Journal } from '../api/observability/journal.js'
import { GATEWAY_DIALECT, gatewayRoute, STORE_DIALECT } from '../s3/dialects.js'
import { GatewayBackend } from '../s3/gateway-backend.js'
import type { ServedOperation } from '../api/lakefs/operations.js'
import { hostname, S3_OPERATIONS, type S3Call, type S3Operation } from '../s3/s3-request.js'
import { S3Server } from '../s3/s3-server.js'
import { StoreBackend } from '../s3/store-backend.js'
import { storePresigner } from '../s3/store-presigner.js'
import type { Runtime } from './runtime.js'
import type { FaultResponse } from '../scenarios/fault-engine.js'
import { ConnectionDroppedError } from '../scenarios/fault-middleware.js'
import { type FrontDoor, journaledDoor } from './front-door.js'
import { S3Error } from '../s3/s3-errors.js'

/** S3's error for a fault rule's answer: its code, or the one S3 gives that status. */
function faultError(r: FaultResponse): S3Error {
  const byStatus: Record<number, [string, string]> = {
    503: ['SlowDown', 'Please reduce your request rate.'],
    500: ['InternalError', 'We encountered an internal error, please try again.'],
    403: ['AccessDenied', 'Access Denied.'],
    404: ['NoSuchKey', 'The specified key does not exist.'],
  }
  const [code, message] = byStatus[r.status] ?? ['BadRequest', `${r.status} BadRequest`]
  return new S3Error(r.code ?? code, r.status, r.message ?? message, {}, r.headers)
}

/** lakeFS's default `gateways.s3.domain_name`. */
export const DEFAULT_GATEWAY_DOMAINS = ['s3.local.lakefs.io'] as const
/** S3's largest single PUT (5 GiB) is more than memory holds; uploads share the lakeFS limit. */
export const DEFAULT_S3_OBJECT_BYTES = 256 * 1024 * 1024

export interface S3FrontDoorOptions {
  /** Gateway domains (`gateways.s3.domain_name`): `<repo>.<domain>` is virtual-host style. */
  readonly gatewayDomains?: readonly string[]
  readonly maxObjectBytes?: number
  /** Wall time for checking clients' signatures (default Date.now). */
  readonly wallClock?: () => number
}

/** How each S3 operation is called, for coverage (what it names in the journal is `<door>:<Op>`). */
const CALLS: Record<S3Operation, string> = {
  ListBuckets: 'GET /', CreateBucket: 'PUT /{bucket}', HeadBucket: 'HEAD /{bucket}', DeleteBucket: 'DELETE /{bucket}',
  GetBucketLocation: 'GET /{bucket}?location', GetBucketVersioning: 'GET /{bucket}?versioning',
  ListObjects: 'GET /{bucket}', ListObjectsV2: 'GET /{bucket}?list-type=2', DeleteObjects: 'POST /{bucket}?delete',
  GetObject: 'GET /{bucket}/{key}', HeadObject: 'HEAD /{bucket}/{key}', PutObject: 'PUT /{bucket}/{key}',
  CopyObject: 'PUT /{bucket}/{key} (x-amz-copy-source)', DeleteObject: 'DELETE /{bucket}/{key}',
  CreateMultipartUpload: 'POST /{bucket}/{key}?uploads', UploadPart: 'PUT /{bucket}/{key}?partNumber&uploadId',
  UploadPartCopy: 'PUT /{bucket}/{key}?partNumber&uploadId (x-amz-copy-source)', CompleteMultipartUpload: 'POST /{bucket}/{key}?uploadId',
  AbortMultipartUpload: 'DELETE /{bucket}/{key}?uploadId', ListParts: 'GET /{bucket}/{key}?uploadId', Unsupported: '',
}

/** The S3 operations both front doors serve, as coverage and fault rules know them: `s3:<Op>` and `gateway:<Op>`. */
export const S3_FRONT_DOOR_OPERATIONS: readonly ServedOperation[] = (['s3', 'gateway'] as const).flatMap((door) =>
  S3_OPERATIONS.map((op) => {
    const [method, ...path] = CALLS[op].split(' ')
    return { operationId: `${door}:${op}`, method: method!, path: path.join(' '), statuses: [] }
  })
)


export function createS3FrontDoors(runtime: Runtime, journal: Journal, options: S3FrontDoorOptions = {}) {
  const domains = (options.gatewayDomains ?? DEFAULT_GATEWAY_DOMAINS).map((d) => hostname(d))
  const emulator = () => runtime.emulator
  const shared = {
    secretFor: (accessKeyId: string) => emulator().auth.secretOf(accessKeyId),
    wallClock: options.wallClock ?? Date.now,
    clock: () => runtime.clock.now(),
    maxObjectBytes: options.maxObjectBytes ?? DEFAULT_S3_OBJECT_BYTES,
    onInternalError: (err: unknown) => console.error('[lakefs-emulator] S3 internal error:', err),
    rethrow: (err: unknown) => err instanceof ConnectionDroppedError,
  }
  const store = new S3Server({ ...shared, backend: () => new StoreBackend(emulator().world.store, shared.clock), dialect: STORE_DIALECT })
  const gateway = new S3Server({
    ...shared,
    backend: () => new GatewayBackend(emulator()),
    dialect: GATEWAY_DIALECT,
    domains,
    route: gatewayRoute(emulator),
    // pkg/gateway/handler.go ServeHTTP: usageCounter.Add(1) for every request that reaches an operation.
    onOperation: () => emulator().installation.countUsage(runtime.clock.now()),
  })
  const ids = new RequestIds()
  let storeEndpoint: string | undefined
  const presigner = storePresigner({
    endpoint: () => storeEndpoint,
    credential: () => emulator().auth.signingCredential,
    now: shared.clock,
    uploads: store.uploads,
    backend: () => new StoreBackend(emulator().world.store, shared.clock),
  })
  return {
    /** Pre-signed URLs and multipart uploads for the lakeFS API, over the store's endpoint. */
    presigner,
    store: journaled(store, 's3', journal, runtime),
    /** A request id for a request the store's port takes (the caller's X-Request-Id, or the next). */
    nextRequestId: (request: Request) => ids.next(request),
    /** The store's port's plain GetObject lane, on the socket, before any Request is made. */
    storeLane: plainGetLane(store, 's3', journal, runtime, ids),
    /** The gateway's, on the lakeFS port, taking ids from that port's sequence. */
    gatewayLane: (lakeFSIds: RequestIds) => plainGetLane(gateway, 'gateway', journal, runtime, lakeFSIds),
    /** Where the store's S3 endpoint listens, once it does: what pre-signed URLs point at. */
    setStoreEndpoint(url: string | undefined): void {
      storeEndpoint = url
    },
    storeEndpoint: () => storeEndpoint,
    gateway: journaled(gateway, 'gateway', journal, runtime),
    /** run.go: an AWS-signed request, or one to the gateway's domain (or a subdomain of it); cheap checks first, every request pays them. */
    isGatewayRequest(request: Request): boolean {
      const auth = request.headers.get('authorization')
      if (auth !== null && (auth.startsWith('AWS4-HMAC-SHA256') || auth.startsWith('AWS '))) return true
      const url = request.url
      const q = url.indexOf('?')
      if (q >= 0 && (url.includes('X-Amz-Credential=', q) || url.includes('AWSAccessKeyId=', q))) return true
      const host = request.headers.get('host')
      const name = host === null ? '' : host.toLowerCase()
      if (!domains.some((d) => name.includes(d))) return false
      return domains.some((d) => hostname(name) === d || hostname(name).endsWith(`.${d}`))
    },
  }
}

export type S3FrontDoors = ReturnType<typeof createS3FrontDoors>

/**
 * A door's plain GetObject answered on the socket (s3/plain-get.ts), journaled as the route
 * journals it; false for the route, which also has every request while fault rules are loaded.
 */
function plainGetLane(server: S3Server, prefix: 's3' | 'gateway', journal: Journal, runtime: Runtime, ids: RequestIds) {
  const operationId = `${prefix}:GetObject`
  return (req: IncomingMessage, res: ServerResponse): boolean => {
    if (runtime.faults.hasHttpRules) return false
    let requestId = ''
    const answer = server.plainGet(req, () => (requestId = ids.nextFor(req.headers['x-request-id'] as string | undefined)))
    if (!answer) return false
    const at = runtime.clock.now()
    const record = journal.begin(at, 'GET', answer.target.path, answer.target.search, operationId, requestId)
    res.writeHead(200, answer.headers)
    res.end(answer.body)
    journal.finish(record, 200, runtime.clock.now() - at)
    return true
  }
}

/** An S3 server as a journaled front door: `<door>:<Op>`, S3's XML for a fault rule's answer. */
function journaled(server: S3Server, prefix: 's3' | 'gateway', journal: Journal, runtime: Runtime): FrontDoor {
  return journaledDoor<S3Call>(
    {
      resolve: (request) => server.resolve(request),
      describe: (call) => ({
        operationId: call.operation === 'Unsupported' ? null : `${prefix}:${call.operation}`,
        bucket: call.bucket,
        repository: prefix === 'gateway' ? call.bucket : undefined,
        branch: prefix === 'gateway' && call.key ? call.key.split('/', 1)[0] : undefined,
      }),
      serve: (request, requestId, call, before) => server.fetch(request, requestId, call, before),
      faultError,
    },
    journal,
    runtime
  )
}
