/** The import operations' router: each lakeFS route with its handler. */
import { createRouter } from '../create-router.js'
import * as handlers from './import.handlers.js'
import * as routes from './import.routes.js'

/** Registers the group's routes on `router` (one router holds all of lakeFS's: each route is added once). */
export function createImportRouter(router = createRouter()) {
  return router
    .openapi(routes.importStart, handlers.importStart)
    .openapi(routes.importStatus, handlers.importStatus)
    .openapi(routes.importCancel, handlers.importCancel)
}
