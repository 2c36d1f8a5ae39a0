/**
 * The GCS front door (--gcs-port): the GCS JSON API over the fake store (`gs://` buckets), journaled
 * as `gcs:<Op>` with the scenario's fault rules, answering them in GCS's JSON errors.
 */
import type { ServedOperation } from '../api/lakefs/operations.js'
import type { Journal } from '../api/observability/journal.js'
import { type FrontDoor, journaledDoor } from './front-door.js'
import { GcsError } from '../gcs/gcs-errors.js'
import { GCS_OPERATIONS, type GcsCall, type GcsOperation } from '../gcs/gcs-request.js'
import { GcsServer } from '../gcs/gcs-server.js'
import { signGcsUrl } from '../gcs/gcs-signed-url.js'
import { parseStorageUri } from '../emulator/blockstore.js'
import { ValidationError } from '../emulator/errors.js'
import type { Runtime } from './runtime.js'
import { ConnectionDroppedError } from '../scenarios/fault-middleware.js'

/** How each operation is called, for coverage (the journal names it `gcs:<Op>`). */
const CALLS: Record<GcsOperation, string> = {
  ListBuckets: 'GET /storage/v1/b', GetBucket: 'GET /storage/v1/b/{bucket}', InsertBucket: 'POST /storage/v1/b', DeleteBucket: 'DELETE /storage/v1/b/{bucket}',
  ListObjects: 'GET /storage/v1/b/{bucket}/o', GetObject: 'GET /storage/v1/b/{bucket}/o/{object}',
  DownloadObject: 'GET /storage/v1/b/{bucket}/o/{object}?alt=media', UploadObject: 'POST /upload/storage/v1/b/{bucket}/o?uploadType=media|multipart',
  StartResumableUpload: 'POST /upload/storage/v1/b/{bucket}/o?uploadType=resumable', ResumeUpload: 'PUT /upload/storage/v1/b/{bucket}/o?upload_id',
  CancelUpload: 'DELETE /upload/storage/v1/b/{bucket}/o?upload_id', PatchObject: 'PATCH /storage/v1/b/{bucket}/o/{object}',
  DeleteObject: 'DELETE /storage/v1/b/{bucket}/o/{object}', CopyObject: 'POST /storage/v1/b/{bucket}/o/{object}/copyTo/b/{bucket}/o/{object}',
  RewriteObject: 'POST /storage/v1/b/{bucket}/o/{object}/rewriteTo/b/{bucket}/o/{object}', ComposeObject: 'POST /storage/v1/b/{bucket}/o/{object}/compose',
  Unsupported: '',
}

export const GCS_FRONT_DOOR_OPERATIONS: readonly ServedOperation[] = GCS_OPERATIONS.filter((op) => op !== 'Unsupported').map((op) => {
  const [method, ...path] = CALLS[op].split(' ')
  return { operationId: `gcs:${op}`, method: method!, path: path.join(' '), statuses: [] }
})

/** GCS's reason for a status a fault rule answers with. */
const REASONS: Record<number, string> = { 429: 'rateLimitExceeded', 503: 'backendError', 500: 'backendError', 403: 'forbidden', 404: 'notFound', 412: 'conditionNotMet' }

export interface GcsFrontDoor extends FrontDoor {
  /** V4 signed URLs for a gs blockstore's addresses (what lakeFS's GCS adapter hands out), once the endpoint listens. */
  readonly presigner: { enabled(): boolean; sign(method: 'GET' | 'PUT', physicalAddress: string): { url: string; expiresAt: number } }
  setEndpoint(url: string | undefined): void
}

/** lakeFS's `blockstore.gs.pre_signed_expiry` default. */
const SIGNED_URL_SECONDS = 15 * 60

export function createGcsFrontDoor(runtime: Runtime, journal: Journal, options: { maxObjectBytes: number; wallClock?: () => number }): GcsFrontDoor {
  const wallClock = options.wallClock ?? Date.now
  let endpoint: string | undefined
  const server = new GcsServer({
    secretFor: (accessKeyId) => runtime.emulator.auth.secretOf(accessKeyId),
    wallClock,
    store: () => runtime.emulator.world.store,
    clock: () => runtime.clock.now(),
    maxObjectBytes: options.maxObjectBytes,
    onInternalError: (err) => console.error('[lakefs-emulator] GCS internal error:', err),
    rethrow: (err) => err instanceof ConnectionDroppedError,
  })
  const door = journaledDoor<GcsCall>(
    {
      resolve: (request) => server.resolve(request),
      describe: (call) => ({ operationId: call.operation === 'Unsupported' ? null : `gcs:${call.operation}`, bucket: call.bucket }),
      serve: (request, _requestId, call, before) => server.fetch(request, call, before),
      faultError: (r) => new GcsError(r.status, r.code ?? REASONS[r.status] ?? 'backendError', r.message ?? `Fault rule answer ${r.status}`, r.headers),
    },
    journal,
    runtime
  )
  const presigner = {
    enabled: () => endpoint !== undefined && runtime.emulator.auth.signingCredential !== undefined,
    sign(method: 'GET' | 'PUT', physicalAddress: string) {
      const uri = parseStorageUri(physicalAddress)
      if (uri?.type !== 'gs' || !uri.key) throw new ValidationError(`invalid physical address: ${physicalAddress}`)
      const url = new URL(`${endpoint}/${uri.root.slice('gs://'.length, -1)}/${uri.key.split('/').map(encodeURIComponent).join('/')}`)
      const now = wallClock()
      return { url: signGcsUrl(method, url, runtime.emulator.auth.signingCredential!, now, SIGNED_URL_SECONDS), expiresAt: Math.floor(now / 1000) + SIGNED_URL_SECONDS }
    },
  }
  return Object.assign(door, { presigner, setEndpoint: (url: string | undefined) => void (endpoint = url) })
}
