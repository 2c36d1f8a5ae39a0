/**
 * The composition root: `createApp` builds the runtime (scenario, clock, fault rules, core, store),
 * the journal and the control plane, wires them into a Hono app serving lakeFS's API and the
 * control API, and returns the app with its handles. It never listens and keeps no module state, so
 * every call is isolated.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { getRequestListener } from '@hono/node-server'
import { OpenAPIHono } from '@hono/zod-openapi'
import type { ControlPlane } from '../api/control/control-plane.js'
import { createControlRouter } from '../api/control/control.router.js'
import { serveDashboard, wantsHtml } from '../api/control/dashboard.js'
import { createActionsRouter } from '../api/lakefs/actions/actions.router.js'
import { createAuthRouter } from '../api/lakefs/auth/auth.router.js'
import { createCommitsRouter } from '../api/lakefs/refs/commits.router.js'
import { createConfigRouter } from '../api/lakefs/installation/config.router.js'
import { createRouter } from '../api/lakefs/create-router.js'
import type { Presigner } from '../api/lakefs/presign.js'
import { errorResponse, handleError, lakeFSMessage } from '../api/lakefs/errors.js'
import { createImportRouter } from '../api/lakefs/import/import.router.js'
import { createObjectsRouter } from '../api/lakefs/objects/objects.router.js'
import { LAKEFS_OPERATION_IDS } from '../api/lakefs/operation-ids.js'
import { OperationResolver, type ServedOperation, servedOperations } from '../api/lakefs/operations.js'
import { createRefsRouter } from '../api/lakefs/refs/refs.router.js'
import { basicAuth } from '../api/lakefs/schemas.js'
import { createStagingRouter } from '../api/lakefs/objects/staging.router.js'
import { createTagsRouter } from '../api/lakefs/refs/tags.router.js'
import { createUsersRouter } from '../api/lakefs/auth/users.router.js'
import { createRbacRouter } from '../api/lakefs/auth/rbac.router.js'
import { createSettingsRouter } from '../api/lakefs/repository/settings.router.js'
import { createPullsRouter } from '../api/lakefs/refs/pulls.router.js'
import { createMetadataRouter } from '../api/lakefs/objects/metadata.router.js'
import { createDumpRouter } from '../api/lakefs/repository/dump.router.js'
import { createGcRouter } from '../api/lakefs/repository/gc.router.js'
import { absentBody } from '../api/middleware/absent-body.js'
import { type BodyLimits, bodyLimits } from '../api/middleware/body-limits.js'
import { journalMiddleware, noteFaultsFired, operationOf } from '../api/middleware/journal-middleware.js'
import { type KeyLimits, keyLimits } from '../api/middleware/key-limits.js'
import { nosniffJson } from '../api/middleware/nosniff-json.js'
import { RequestIds, requestIdHeader } from '../api/middleware/request-id.js'
import { nodePollLane, statusPollLane } from '../api/middleware/status-poll-lane.js'
import { Journal } from '../api/observability/journal.js'
import { Metrics } from '../api/observability/metrics.js'
import { createControlPlane } from './runtime-control.js'
import type { Emulator } from '../emulator/emulator.js'
import { type EmulatorSetup, Runtime } from './runtime.js'
import type { LakeFSApiCall } from '../lua/lua-runner.js'
import { ConnectionDroppedError, faultMiddleware } from '../scenarios/fault-middleware.js'
import { createS3FrontDoors, DEFAULT_S3_OBJECT_BYTES, S3_FRONT_DOOR_OPERATIONS, type S3FrontDoorOptions, type S3FrontDoors } from './s3-front-doors.js'
import { createGcsFrontDoor, GCS_FRONT_DOOR_OPERATIONS } from './gcs-front-door.js'
import { AZURE_FRONT_DOOR_OPERATIONS, createAzureFrontDoor } from './azure-front-door.js'
import { presignNotSupported } from '../api/lakefs/presign.js'
import { parseStorageUri } from '../emulator/blockstore.js'

export { QUICKSTART_CREDENTIALS } from './runtime.js'

/** The storage front doors' operations: S3 (store and gateway), GCS, Azure. */
const STORAGE_OPERATIONS = [...S3_FRONT_DOOR_OPERATIONS, ...GCS_FRONT_DOOR_OPERATIONS, ...AZURE_FRONT_DOOR_OPERATIONS]

/** Every operation fault rules may name: lakeFS's, the storage front doors', and `webhook` (the calls action hooks make). */
export const OPERATION_IDS: readonly string[] = [...LAKEFS_OPERATION_IDS, ...STORAGE_OPERATIONS.map((o) => o.operationId), 'webhook']
export type { EmulatorSetup } from './runtime.js'

/** Builds the core with its world loaded: what `createApp` serves, and what tests inspect. */
export function buildEmulator(setup: EmulatorSetup = {}): Emulator {
  return new Runtime(setup, OPERATION_IDS).emulator
}

export interface CreateAppOptions extends EmulatorSetup {
  /** When set, every /_emulator call needs `Authorization: Bearer <token>`. */
  controlToken?: string
  /**
   * Request limits: bodies get 413 beyond them (JSON 16 MiB and uploads 256 MiB by default); keys
   * (4,096 bytes) and import paths (100,000 per import) get 400.
   */
  limits?: BodyLimits & KeyLimits
  /** The S3 front doors: gateway domains, wall clock for signatures, largest object. */
  s3?: S3FrontDoorOptions
}

/**
 * A Hono app serving the lakeFS API under /api/v1 and the control API under /_emulator, with its
 * handles: `emulator` (the core), `runtime` (scenario, clock, reset and reload), `journal`,
 * `control` (what /_emulator does), `listener()` and `s3Listener()` (Node request listeners for the
 * lakeFS port and the store's S3 port, their lanes first) and `close()`.
 *
 * @example
 * const app = createApp({ scenarios: [loadScenarioFile('scenarios/daily-drop.json')] })
 * const res = await app.request('/api/v1/healthcheck')
 */
export function createApp(options: CreateAppOptions = {}) {
  // Lua hooks call this app's own lakeFS API, as lakeFS's Lua client calls its handler.
  const loopback: { fetch?: (request: Request) => Response | Promise<Response> } = {}
  const runtime: Runtime = new Runtime({ luaApi: (call) => inProcessCall(loopback, runtime, call), ...options }, OPERATION_IDS)
  const journal = new Journal(options.journalLimit)
  const s3 = createS3FrontDoors(runtime, journal, { maxObjectBytes: options.limits?.uploadBytes, ...options.s3 })
  const maxObjectBytes = options.limits?.uploadBytes ?? DEFAULT_S3_OBJECT_BYTES
  const gcs = createGcsFrontDoor(runtime, journal, { maxObjectBytes })
  const azure = createAzureFrontDoor(runtime, journal, { maxObjectBytes })
  const lakefs = lakefsApi(runtime.emulator, presignerByBlockstore(s3.presigner, { gs: gcs.presigner, azure: azure.presigner }))
  const operations = servedOperations(lakefs.api.openAPIRegistry.definitions)
  const control = createControlPlane(runtime, journal, [...operations, ...STORAGE_OPERATIONS])
  const app = new OpenAPIHono()
  app.use('*', requestIdHeader)
  app.use('*', nosniffJson)
  app.onError((err, c) => {
    // A dropped connection has no response: let it reach the server (which resets the socket).
    if (err instanceof ConnectionDroppedError) throw err
    return handleError(err, c)
  })
  app.notFound((c) => errorResponse(c, 404, c.req.path.startsWith('/api/') ? 'invalid API endpoint' : 'not found'))
  useLakeFSMiddleware(app, runtime, journal, operations, options.limits ?? {})
  app.route('/api/v1', lakefs.api)
  app.route('/_emulator', createControlRouter(control, options.controlToken))
  app.get('/_health', (c) => c.body(null, 204))
  app.get('/', (c, next) => (wantsHtml(c) ? serveDashboard(c) : next()))
  // As lakeFS: on the API's port, without credentials.
  const metrics = new Metrics({ emulator: runtime.emulator, faults: () => runtime.faults })
  journal.onFinish = (record) => metrics.observe(record)
  app.get('/metrics', async (c) => c.body(await metrics.text(), 200, { 'Content-Type': metrics.registry.contentType }))
  app.get('/openapi.json', (c) => c.json(lakefs.document()))
  const serveLanes = withFrontLanes(app, runtime, journal, s3)
  if (options.dataDir !== undefined) {
    app.fetch = persisting(runtime, app.fetch)
    s3.store = { fetch: persisting(runtime, s3.store.fetch.bind(s3.store)) }
    gcs.fetch = persisting(runtime, gcs.fetch.bind(gcs))
    azure.fetch = persisting(runtime, azure.fetch.bind(azure))
  }
  loopback.fetch = (request) => app.fetch(request)
  /** `s3.store`, `gcs` and `azure`: the fake store's S3, GCS and Azure endpoints, to serve on their own ports. */
  const handles = { emulator: runtime.emulator, runtime, journal, control: control as ControlPlane, s3, gcs, azure, listener: (fetch: Fetch = app.fetch) => laneFirst(serveLanes, fetch), s3Listener: () => laneFirst(s3.storeLane, (request, env) => s3.store.fetch(request, s3.nextRequestId(request), env)), close: () => runtime.close() }
  return Object.assign(app, handles)
}

export type EmulatorApp = ReturnType<typeof createApp>

type Fetch = (request: Request, env?: object) => Response | Promise<Response>

/**
 * A port's Node request listener: what its lanes answer on the socket (the lakeFS port's importStatus
 * poll and gateway GetObject, the store port's GetObject), and everything else through
 * @hono/node-server to `fetch` (the app's, or a wrapper of it).
 */
function laneFirst(lanes: (req: IncomingMessage, res: ServerResponse) => boolean, fetch: Fetch) {
  const routed = getRequestListener(fetch)
  return (req: IncomingMessage, res: ServerResponse): void => {
    if (!lanes(req, res)) void routed(req, res)
  }
}

/**
 * Pre-signed URLs as lakeFS's adapter for the blockstore makes them: S3's over the store's S3
 * endpoint (with its presigned multipart upload, S3's only), V4 signed URLs over the GCS endpoint, SAS
 * over the Azure endpoint.
 */
function presignerByBlockstore(s3: Presigner, others: Record<'gs' | 'azure', { enabled(): boolean; sign: Presigner['sign'] }>): Presigner {
  const onlyS3 = (address: string) => {
    if (parseStorageUri(address)?.type !== 's3') throw presignNotSupported()
  }
  return {
    enabled: (b) => b.preSign !== false && (b.type === 's3' ? s3.enabled(b) : b.type !== 'local' && others[b.type].enabled()),
    sign: (method, address) => {
      const type = parseStorageUri(address)?.type
      return type === 'gs' || type === 'azure' ? others[type].sign(method, address) : s3.sign(method, address)
    },
    createMultipart: (address, parts) => (onlyS3(address), s3.createMultipart(address, parts)),
    completeMultipart: (address, uploadId, parts) => (onlyS3(address), s3.completeMultipart(address, uploadId, parts)),
    abortMultipart: (address, uploadId) => (onlyS3(address), s3.abortMultipart(address, uploadId)),
    signPart: (address, uploadId, partNumber) => (onlyS3(address), s3.signPart(address, uploadId, partNumber)),
    copyPart: (address, uploadId, partNumber, bytes) => (onlyS3(address), s3.copyPart(address, uploadId, partNumber, bytes)),
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

/**
 * With a data directory: a request that may have written is saved before its answer goes out, so
 * whatever a client saw acknowledged survives a crash (imports finishing save themselves).
 */
function persisting<A extends unknown[]>(runtime: Runtime, fetch: (request: Request, ...rest: A) => Response | Promise<Response>) {
  return async (request: Request, ...rest: A): Promise<Response> => {
    const response = await fetch(request, ...rest)
    if (!SAFE_METHODS.has(request.method)) runtime.persist()
    return response
  }
}

/** A lakeFS API call made in process as `user` (basic auth with the user's first key): status and body. */
async function inProcessCall(loopback: { fetch?: (request: Request) => Response | Promise<Response> }, runtime: Runtime, call: Parameters<LakeFSApiCall>[0]): Promise<{ status: number; body: unknown }> {
  const credential = runtime.emulator.auth.credentialOf(call.user) ?? runtime.emulator.auth.signingCredential
  const query = new URLSearchParams()
  for (const [k, v] of Object.entries(call.query)) if (v !== undefined && v !== null) query.set(k, String(v))
  const headers: Record<string, string> = { 'content-type': 'application/json' }
  if (credential) headers.authorization = `Basic ${Buffer.from(`${credential.accessKeyId}:${credential.secretAccessKey}`).toString('base64')}`
  const url = `http://lakefs.internal/api/v1${call.path}${query.size ? `?${query}` : ''}`
  const res = await loopback.fetch!(new Request(url, { method: call.method, headers, body: call.body }))
  const text = await res.text()
  const json = res.headers.get('content-type')?.includes('json')
  return { status: res.status, body: json && text ? (JSON.parse(text) as unknown) : text }
}

/** lakeFS's operations and the OpenAPI document they make. */
function lakefsApi(emulator: Emulator, presigner: Presigner) {
  // One router takes every group's routes, so each is added once more (to the app) rather than twice.
  const api = createRouter()
  // Handlers find the core and the presigner on their context (LakeFSEnv), set once here for the whole lakeFS API.
  api.use('*', (c, next) => {
    c.set('emulator', emulator)
    c.set('presigner', presigner)
    return next()
  })
  for (const router of [createActionsRouter, createConfigRouter, createAuthRouter, createRefsRouter, createCommitsRouter, createTagsRouter, createImportRouter, createObjectsRouter, createStagingRouter, createUsersRouter, createRbacRouter, createSettingsRouter, createPullsRouter, createMetadataRouter, createDumpRouter, createGcRouter]) {
    router(api)
  }
  api.openAPIRegistry.registerComponent('securitySchemes', 'jwt_token', { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
  api.openAPIRegistry.registerComponent('securitySchemes', 'basic_auth', { type: 'http', scheme: 'basic' })
  api.openAPIRegistry.registerComponent('securitySchemes', 'cookie_auth', { type: 'apiKey', in: 'cookie', name: 'internal_auth_session' })
  api.onError(handleError)
  // Built when first asked for: it takes longer than the rest of the app together.
  let document: ReturnType<typeof api.getOpenAPIDocument> | undefined
  const config = { openapi: '3.0.3', info: { title: 'lakeFS API (lakefs-emulator)', version: '0.1.0' }, servers: [{ url: '/api/v1' }], security: basicAuth }
  return { api, document: () => (document ??= api.getOpenAPIDocument(config)) }
}

/** What stands in front of lakeFS's handlers, in order: journal, body limits, faults, key limits. */
function useLakeFSMiddleware(app: OpenAPIHono, runtime: Runtime, journal: Journal, operations: readonly ServedOperation[], limits: BodyLimits & KeyLimits) {
  const clock = () => runtime.clock
  app.use('/api/v1/*', journalMiddleware(journal, new OperationResolver(operations), clock))
  app.use('/api/v1/*', bodyLimits(limits, (c) => operationOf(c)?.operationId === 'uploadObject'))
  app.use('/api/v1/*', absentBody)
  app.use('/_emulator/*', bodyLimits(limits, (c) => c.req.path === '/_emulator/objects'))
  app.use(
    '/api/v1/*',
    faultMiddleware({
      engine: () => runtime.faults,
      clock,
      callOf: (c) => {
        const op = operationOf(c)
        return op && { operationId: op.operationId, method: c.req.method, repository: op.params.repository, branch: op.params.branch }
      },
      onFired: noteFaultsFired,
      messageFor: lakeFSMessage,
    })
  )
  // After the faults: lakeFS validates in its handlers, behind its middleware.
  app.use('/api/v1/*', keyLimits(limits))
}

/**
 * Ahead of the router: request ids for every answer, lakeFS's S3 gateway where run.go sends a
 * request (gateway domain or AWS signature), and the importStatus fast path. Returns the lanes
 * that answer on the lakeFS port's socket: the poll, and the gateway's plain GetObject (always
 * AWS-signed, so always the gateway's).
 */
function withFrontLanes(app: OpenAPIHono, runtime: Runtime, journal: Journal, s3: S3FrontDoors): (req: IncomingMessage, res: ServerResponse) => boolean {
  const deps = { emulator: runtime.emulator, journal, faults: () => runtime.faults, clock: () => runtime.clock }
  const lane = statusPollLane(deps)
  const routed = app.fetch
  const ids = new RequestIds()
  app.fetch = (request, env, ctx) => {
    const requestId = ids.next(request)
    // The lane first: it answers only an authenticated lakeFS importStatus, which an AWS signature never is.
    const polled = lane(request, requestId)
    if (polled) return polled
    if (s3.isGatewayRequest(request)) return s3.gateway.fetch(request, requestId, env)
    return routed(request, { ...(env as object | undefined), requestId }, ctx)
  }
  const poll = nodePollLane(deps, ids)
  const gateway = s3.gatewayLane(ids)
  return (req, res) => poll(req, res) || gateway(req, res)
}
