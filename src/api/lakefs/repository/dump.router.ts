/** The refs dump and restore operations' router: each lakeFS route with its handler. */
import { createRouter } from '../create-router.js'
import * as handlers from './dump.handlers.js'
import * as routes from './dump.routes.js'

/** Registers the group's routes on `router` (one router holds all of lakeFS's: each route is added once). */
export function createDumpRouter(router = createRouter()) {
  return router
    .openapi(routes.dumpRefs, handlers.dumpRefs)
    .openapi(routes.restoreRefs, handlers.restoreRefs)
    .openapi(routes.dumpSubmit, handlers.dumpSubmit)
    .openapi(routes.dumpStatus, handlers.dumpStatus)
    .openapi(routes.restoreSubmit, handlers.restoreSubmit)
    .openapi(routes.restoreStatus, handlers.restoreStatus)
}
