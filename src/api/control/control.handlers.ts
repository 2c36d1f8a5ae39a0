/** Handlers for the /_emulator control API: one per route, over the ControlPlane on their context. */
import type { RouteConfig, RouteHandler } from '@hono/zod-openapi'
import { toCommit } from '../lakefs/dto.js'
import { ControlInputError, type ControlPlane } from './control-plane.js'
import type * as routes from './control.routes.js'

/** What control handlers find on their context: the running emulator's control plane. */
export interface ControlEnv {
  Variables: { control: ControlPlane }
}

type Handler<R extends RouteConfig> = RouteHandler<R, ControlEnv>

export const getScenario: Handler<typeof routes.getScenario> = (c) => c.json(c.var.control.scenario() as Record<string, unknown>, 200)

export const getScenarioSummary: Handler<typeof routes.getScenarioSummary> = (c) => c.json(c.var.control.scenarioSummary(), 200)

export const putScenario: Handler<typeof routes.putScenario> = (c) => {
  c.var.control.replaceScenario(c.req.valid('json'))
  return c.body(null, 204)
}

export const reset: Handler<typeof routes.reset> = (c) => {
  c.var.control.reset()
  return c.body(null, 204)
}

export const putObject: Handler<typeof routes.putObject> = async (c) => {
  const stored = c.var.control.putObject(c.req.valid('query').uri, new Uint8Array(await c.req.arrayBuffer()))
  return c.json({ ...stored, lastModified: new Date(stored.lastModified).toISOString() }, 201)
}

export const deleteObject: Handler<typeof routes.deleteObject> = (c) => {
  const { uri } = c.req.valid('query')
  if (!c.var.control.deleteObject(uri)) throw new ControlInputError(`no object at ${uri}`, 404)
  return c.body(null, 204)
}

export const getJournal: Handler<typeof routes.getJournal> = (c) => {
  const { operation, since, limit } = c.req.valid('query')
  const entries = c.var.control.journal.list({ operation, since: since === undefined ? undefined : Date.parse(since) })
  return c.json({ entries: limit === undefined ? entries : entries.slice(-limit) }, 200)
}

export const clearJournal: Handler<typeof routes.clearJournal> = (c) => {
  c.var.control.journal.clear()
  return c.body(null, 204)
}

export const getCoverage: Handler<typeof routes.getCoverage> = (c) => c.json(c.var.control.coverage(), 200)

export const getClock: Handler<typeof routes.getClock> = (c) => c.json(c.var.control.clock(), 200)

export const advanceClock: Handler<typeof routes.advanceClock> = async (c) => c.json(await c.var.control.advance(c.req.valid('json').ms), 200)

export const listImports: Handler<typeof routes.listImports> = (c) => c.json({ imports: c.var.control.imports() }, 200)

export const listRuns: Handler<typeof routes.listRuns> = (c) => c.json({ runs: c.var.control.runs() }, 200)

export const cancelImport: Handler<typeof routes.cancelImport> = (c) => {
  const { id } = c.req.valid('param')
  if (!c.var.control.cancelImport(id)) throw new ControlInputError(`no import with id ${id}`, 404)
  return c.body(null, 204)
}

export const listRepositorySummaries: Handler<typeof routes.listRepositorySummaries> = (c) =>
  c.json({ repositories: c.var.control.repositories() }, 200)

export const getCommitLog: Handler<typeof routes.getCommitLog> = (c) => {
  const { repository } = c.req.valid('param')
  const { ref, amount } = c.req.valid('query')
  return c.json({ commits: c.var.control.log(repository, ref, amount).map(toCommit) }, 200)
}
