/** The actions runs API's router: each lakeFS route with its handler. */
import * as handlers from './actions.handlers.js'
import * as routes from './actions.routes.js'
import { createRouter } from '../create-router.js'

/** Registers the group's routes on `router` (one router holds all of lakeFS's: each route is added once). */
export function createActionsRouter(router = createRouter()) {
  return router
    .openapi(routes.listRepositoryRuns, handlers.listRepositoryRuns)
    .openapi(routes.getRun, handlers.getRun)
    .openapi(routes.listRunHooks, handlers.listRunHooks)
    .openapi(routes.getRunHookOutput, handlers.getRunHookOutput)
}
