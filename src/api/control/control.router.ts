/** Handlers for the /_emulator control API; the running emulator behind it is passed in as a ControlPlane. */
import { timingSafeEqual } from 'node:crypto'
import { OpenAPIHono, type z } from '@hono/zod-openapi'
import type { Context, MiddlewareHandler } from 'hono'
import { jsonPath } from '../../util/json-path.js'
import type { CoverageReport } from './coverage.js'
import * as routes from './control.routes.js'
import type { Journal } from '../observability/journal.js'
import type { Commit } from '../../emulator/graveler/commit.js'
import { toCommit } from '../lakefs/dto.js'

export type ClockState = z.infer<typeof routes.ClockStateSchema>
type ImportReport = z.infer<typeof routes.ImportReportSchema>
type RepositorySummary = z.infer<typeof routes.RepositorySummarySchema>
type ScenarioSummary = z.infer<typeof routes.ScenarioSummarySchema>

/** A request the control plane refuses; `problems` carry JSON paths (a bad scenario). */
export class ControlInputError extends Error {
  override name = 'ControlInputError'
  constructor(
    message: string,
    readonly status: 400 | 404 | 409 = 400,
    readonly problems?: readonly { path: string; message: string }[]
  ) {
    super(message)
  }
}

/** What the control API can do to a running emulator. */
export interface ControlPlane {
  readonly journal: Journal
  scenario(): unknown
  scenarioSummary(): ScenarioSummary
  /** Replaces the world and the rules; throws ControlInputError when the scenario is invalid. */
  replaceScenario(data: unknown): void
  reset(): void
  putObject(uri: string, bytes: Uint8Array): { uri: string; size: number; etag: string; lastModified: number }
  deleteObject(uri: string): boolean
  coverage(): CoverageReport
  clock(): ClockState
  advance(ms: number): Promise<ClockState>
  imports(): ImportReport[]
  repositories(): RepositorySummary[]
  /** Throws lakeFS's errors for an unknown repository or ref. */
  log(repository: string, ref: string, amount: number): Commit[]
  /** Cancels as importCancel does (409 once completed); false when no import has this id. */
  cancelImport(id: string): boolean
}

export function createControlRouter(control: ControlPlane, token?: string) {
  const router = new OpenAPIHono({
    defaultHook: (result, c) => {
      if (result.success) return
      const problems = result.error.issues.map((i) => ({ path: jsonPath(i.path), message: i.message }))
      return c.json({ message: `invalid ${result.target}: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`, problems }, 400)
    },
  })
  router.onError((err, c) => {
    if (err instanceof ControlInputError) {
      return c.json({ message: err.message, ...(err.problems && { problems: [...err.problems] }) }, err.status)
    }
    throw err
  })
  router.openAPIRegistry.registerComponent('securitySchemes', 'control_token', { type: 'http', scheme: 'bearer' })
  router.doc('/openapi.json', {
    openapi: '3.0.3',
    info: { title: 'lakefs-emulator control API', version: '1' },
    servers: [{ url: '/_emulator' }],
  })
  if (token) router.use('*', requireToken(token))

  return router
    .openapi(routes.getScenario, (c) => c.json(control.scenario() as Record<string, unknown>, 200))
    .openapi(routes.getScenarioSummary, (c) => c.json(control.scenarioSummary(), 200))
    .openapi(routes.putScenario, (c) => {
      control.replaceScenario(c.req.valid('json'))
      return c.body(null, 204)
    })
    .openapi(routes.reset, (c) => {
      control.reset()
      return c.body(null, 204)
    })
    .openapi(routes.putObject, async (c) => {
      const stored = control.putObject(c.req.valid('query').uri, new Uint8Array(await c.req.arrayBuffer()))
      return c.json({ ...stored, lastModified: new Date(stored.lastModified).toISOString() }, 201)
    })
    .openapi(routes.deleteObject, (c) => {
      const { uri } = c.req.valid('query')
      if (!control.deleteObject(uri)) throw new ControlInputError(`no object at ${uri}`, 404)
      return c.body(null, 204)
    })
    .openapi(routes.getJournal, (c) => {
      const { operation, since, limit } = c.req.valid('query')
      const entries = control.journal.list({ operation, since: since === undefined ? undefined : Date.parse(since) })
      return c.json({ entries: limit === undefined ? entries : entries.slice(-limit) }, 200)
    })
    .openapi(routes.clearJournal, (c) => {
      control.journal.clear()
      return c.body(null, 204)
    })
    .openapi(routes.getCoverage, (c) => c.json(control.coverage(), 200))
    .openapi(routes.getClock, (c) => c.json(control.clock(), 200))
    .openapi(routes.advanceClock, async (c) => c.json(await control.advance(c.req.valid('json').ms), 200))
    .openapi(routes.listImports, (c) => c.json({ imports: control.imports() }, 200))
    .openapi(routes.cancelImport, (c) => {
      const { id } = c.req.valid('param')
      if (!control.cancelImport(id)) throw new ControlInputError(`no import with id ${id}`, 404)
      return c.body(null, 204)
    })
    .openapi(routes.listRepositorySummaries, (c) => c.json({ repositories: control.repositories() }, 200))
    .openapi(routes.getCommitLog, (c) => {
      const { repository } = c.req.valid('param')
      const { ref, amount } = c.req.valid('query')
      return c.json({ commits: control.log(repository, ref, amount).map(toCommit) }, 200)
    })
}

/** Bearer-token check; the OpenAPI document stays readable without it. */
function requireToken(token: string): MiddlewareHandler {
  const expected = Buffer.from(token)
  return async (c: Context, next) => {
    if (c.req.path.endsWith('/openapi.json')) return next()
    const match = /^Bearer\s+(.+)$/i.exec(c.req.header('Authorization') ?? '')
    const given = Buffer.from(match?.[1]?.trim() ?? '')
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      c.header('WWW-Authenticate', 'Bearer realm="lakefs-emulator control API"')
      return c.json({ message: 'missing or invalid control token' }, 401)
    }
    return next()
  }
}
