/**
 * The composition root: `createApp` wires a fresh emulator, fake store, scenario and clock into
 * a Hono app. It never listens and keeps no module state, so every call is isolated.
 */
import { OpenAPIHono } from '@hono/zod-openapi'
import { createConfigRouter } from './api/config.router.js'
import { errorResponse, handleError } from './api/errors.js'
import { createImportRouter } from './api/import.router.js'
import { createObjectsRouter } from './api/objects.router.js'
import { createRefsRouter } from './api/refs.router.js'
import type { Credential } from './emulator/auth.js'
import { type Clock, SystemClock } from './emulator/clock.js'
import { Emulator } from './emulator/emulator.js'
import { MemfsObjectStore } from './fakestore/memfs-object-store.js'
import type { ObjectStore } from './fakestore/object-store.js'
import { applyScenario } from './scenarios/apply-scenario.js'
import { mergeScenarios } from './scenarios/load-scenario.js'
import type { Scenario } from './scenarios/schema.js'

/** lakeFS quickstart's credentials (pkg/config/defaults.go). */
export const QUICKSTART_CREDENTIALS = {
  user: 'quickstart',
  accessKeyId: 'AKIAIOSFOLQUICKSTART',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
} as const

export interface EmulatorSetup {
  /** Scenarios to load, in order; later ones add to earlier ones. */
  scenarios?: readonly Scenario[]
  /** Overrides the scenario's seed (default 0). */
  seed?: number
  /** Defaults to wall time, starting at the scenario's `clock.start` if it has one. */
  clock?: Clock
  /** Replaces the scenario's credentials (default: lakeFS quickstart's). */
  credentials?: readonly { user?: string; accessKeyId: string; secretAccessKey: string }[]
  store?: ObjectStore
}

/** Builds the core with its world loaded: what `createApp` serves, and what tests inspect. */
export function buildEmulator(setup: EmulatorSetup = {}): Emulator {
  const scenario = mergeScenarios(setup.scenarios ?? [])
  const seed = setup.seed ?? scenario.seed ?? 0
  const start = scenario.clock?.start ? Date.parse(scenario.clock.start) : undefined
  const clock = setup.clock ?? new SystemClock(start)
  const credentials: Credential[] = (
    setup.credentials ?? scenario.credentials ?? [QUICKSTART_CREDENTIALS]
  ).map((c) => ({ user: c.user ?? 'admin', accessKeyId: c.accessKeyId, secretAccessKey: c.secretAccessKey, creationDate: clock.now() }))
  const blockstore = scenario.blockstore
  const emulator = new Emulator({
    clock,
    seed,
    store: setup.store ?? new MemfsObjectStore(),
    credentials,
    settings: {
      blockstore: {
        type: blockstore?.type ?? 's3',
        importEnabled: blockstore?.importEnabled ?? false,
        importHidden: blockstore?.importHidden ?? false,
      },
      pacing: {
        objectsPerSecond: scenario.import?.objectsPerSecond ?? 5000,
        statusIntervalMs: scenario.import?.statusIntervalMs ?? 1000,
      },
      compat: {
        dirtyBranch: scenario.compat?.dirtyBranch ?? 'at-commit',
        failedImport: scenario.compat?.failedImport ?? 'incomplete',
      },
    },
  })
  applyScenario(emulator, scenario, seed)
  return emulator
}

export interface CreateAppOptions extends EmulatorSetup {
  /** A pre-built emulator to serve (the other options are then ignored). */
  emulator?: Emulator
}

/**
 * A Hono app serving the lakeFS API under /api/v1 over a fresh emulator.
 *
 * @example
 * const app = createApp({ scenarios: [loadScenarioFile('scenarios/daily-drop.json')] })
 * const res = await app.request('/api/v1/healthcheck')
 */
export function createApp(options: CreateAppOptions = {}) {
  const emulator = options.emulator ?? buildEmulator(options)
  const api = new OpenAPIHono()
    .route('/', createConfigRouter(emulator))
    .route('/', createRefsRouter(emulator))
    .route('/', createImportRouter(emulator))
    .route('/', createObjectsRouter(emulator))
  api.openAPIRegistry.registerComponent('securitySchemes', 'basic_auth', { type: 'http', scheme: 'basic' })

  const app = new OpenAPIHono()
  app.use('*', async (c, next) => {
    await next()
    if (c.res.headers.get('Content-Type')?.startsWith('application/json')) {
      c.res.headers.set('X-Content-Type-Options', 'nosniff')
    }
  })
  app.onError(handleError)
  app.notFound((c) => errorResponse(c, 404, c.req.path.startsWith('/api/') ? 'invalid API endpoint' : 'not found'))
  api.onError(handleError)
  app.route('/api/v1', api)
  app.get('/_health', (c) => c.body(null, 204))
  app.get('/openapi.json', (c) =>
    c.json(
      api.getOpenAPIDocument({
        openapi: '3.0.3',
        info: { title: 'lakeFS API (lakefs-emulator)', version: '0.1.0' },
        servers: [{ url: '/api/v1' }],
        security: [{ basic_auth: [] }],
      })
    )
  )
  return Object.assign(app, { emulator })
}
