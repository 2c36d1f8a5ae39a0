/** The /_emulator control API's router: its routes, their handlers, validation, errors and token. */
import { timingSafeEqual } from 'node:crypto'
import { OpenAPIHono } from '@hono/zod-openapi'
import type { Context, MiddlewareHandler } from 'hono'
import { jsonPath } from '../../util/json-path.js'
import * as handlers from './control.handlers.js'
import type { ControlEnv } from './control.handlers.js'
import * as routes from './control.routes.js'
import { ControlInputError, type ControlPlane } from './control-plane.js'

export function createControlRouter(control: ControlPlane, token?: string) {
  const router = new OpenAPIHono<ControlEnv>({
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
  router.use('*', (c, next) => {
    c.set('control', control)
    return next()
  })
  return router
    .openapi(routes.getScenario, handlers.getScenario)
    .openapi(routes.getScenarioSummary, handlers.getScenarioSummary)
    .openapi(routes.putScenario, handlers.putScenario)
    .openapi(routes.reset, handlers.reset)
    .openapi(routes.putObject, handlers.putObject)
    .openapi(routes.deleteObject, handlers.deleteObject)
    .openapi(routes.getJournal, handlers.getJournal)
    .openapi(routes.clearJournal, handlers.clearJournal)
    .openapi(routes.getCoverage, handlers.getCoverage)
    .openapi(routes.getClock, handlers.getClock)
    .openapi(routes.advanceClock, handlers.advanceClock)
    .openapi(routes.listImports, handlers.listImports)
    .openapi(routes.listRuns, handlers.listRuns)
    .openapi(routes.cancelImport, handlers.cancelImport)
    .openapi(routes.listRepositorySummaries, handlers.listRepositorySummaries)
    .openapi(routes.getCommitLog, handlers.getCommitLog)
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
