/**
 * The Azure Blob front door (--azure-port): Azure Blob REST over the fake store as Azurite serves it,
 * with Azurite's development account, journaled as `azure:<Op>` with the scenario's fault rules,
 * answered in Azure's XML errors.
 */
import type { ServedOperation } from '../api/lakefs/operations.js'
import type { Journal } from '../api/observability/journal.js'
import { AzureError } from '../azure/azure-errors.js'
import { AZURE_OPERATIONS, type AzureCall, type AzureOperation } from '../azure/azure-request.js'
import { AzureServer } from '../azure/azure-server.js'
import { DEV_ACCOUNT, DEV_KEY } from '../azure/azure-auth.js'
import { azurePresigner } from '../azure/azure-presigner.js'
import { type FrontDoor, journaledDoor } from './front-door.js'
import type { Runtime } from './runtime.js'
import { ConnectionDroppedError } from '../scenarios/fault-middleware.js'

const CALLS: Record<AzureOperation, string> = {
  ListContainers: 'GET /{account}?comp=list', CreateContainer: 'PUT /{account}/{container}?restype=container',
  GetContainerProperties: 'GET /{account}/{container}?restype=container', DeleteContainer: 'DELETE /{account}/{container}?restype=container',
  ListBlobs: 'GET /{account}/{container}?restype=container&comp=list', GetAccountInfo: 'GET /{account}?restype=account&comp=properties',
  PutBlob: 'PUT /{account}/{container}/{blob}', PutBlock: 'PUT /{account}/{container}/{blob}?comp=block',
  PutBlockList: 'PUT /{account}/{container}/{blob}?comp=blocklist', GetBlockList: 'GET /{account}/{container}/{blob}?comp=blocklist',
  GetBlob: 'GET /{account}/{container}/{blob}', GetBlobProperties: 'HEAD /{account}/{container}/{blob}',
  SetBlobProperties: 'PUT /{account}/{container}/{blob}?comp=properties', SetBlobMetadata: 'PUT /{account}/{container}/{blob}?comp=metadata',
  DeleteBlob: 'DELETE /{account}/{container}/{blob}', CopyBlob: 'PUT /{account}/{container}/{blob} (x-ms-copy-source)', Unsupported: '',
}

/** GetBlockList and GetAccountInfo are answered for clients that probe, not listed among the operations served. */
const SERVED = AZURE_OPERATIONS.filter((op) => !['Unsupported', 'GetBlockList'].includes(op))

export const AZURE_FRONT_DOOR_OPERATIONS: readonly ServedOperation[] = SERVED.map((op) => {
  const [method, ...path] = CALLS[op].split(' ')
  return { operationId: `azure:${op}`, method: method!, path: path.join(' '), statuses: [] }
})

const CODES: Record<number, string> = { 503: 'ServerBusy', 500: 'InternalError', 403: 'AuthorizationFailure', 404: 'BlobNotFound', 409: 'OperationNotAllowedInCurrentState', 429: 'ServerBusy' }

export interface AzureFrontDoor extends FrontDoor {
  /** Pre-signed URLs (SAS) for an azure blockstore's addresses, over this endpoint once it listens. */
  readonly presigner: ReturnType<typeof azurePresigner>
  /** Where the endpoint listens (`http://host:port`), once it does. */
  setEndpoint(url: string | undefined): void
}

export function createAzureFrontDoor(runtime: Runtime, journal: Journal, options: { maxObjectBytes: number; wallClock?: () => number }): AzureFrontDoor {
  const wallClock = options.wallClock ?? Date.now
  let endpoint: string | undefined
  const server = new AzureServer({
    wallClock,
    store: () => runtime.emulator.world.store,
    clock: () => runtime.clock.now(),
    maxObjectBytes: options.maxObjectBytes,
    maxApiVersion: () => runtime.scenario.azure?.maxApiVersion,
    onInternalError: (err) => console.error('[lakefs-emulator] Azure internal error:', err),
    rethrow: (err) => err instanceof ConnectionDroppedError,
  })
  const door = journaledDoor<AzureCall>(
    {
      resolve: (request) => server.resolve(request),
      describe: (call) => ({ operationId: call.operation === 'Unsupported' ? null : `azure:${call.operation}`, bucket: call.container }),
      serve: (request, _requestId, call, before) => server.fetch(request, call, before),
      faultError: (r) => new AzureError(r.status, r.code ?? CODES[r.status] ?? 'InternalError', r.message ?? `Fault rule answer ${r.status}`, r.headers),
    },
    journal,
    runtime
  )
  const presigner = azurePresigner({ endpoint: () => endpoint, accounts: new Map([[DEV_ACCOUNT, DEV_KEY]]), wallClock })
  return Object.assign(door, { presigner, setEndpoint: (url: string | undefined) => void (endpoint = url) })
}
