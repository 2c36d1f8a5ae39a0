/** The import operations' router: each lakeFS route with its handler. */
import { createRouter } from '../create-router.js'
import * as handlers from './import.handlers.js'
import * as routes from './import.routes.js'

export function createImportRouter() {
  return createRouter()
    .openapi(routes.importStart, handlers.importStart)
    .openapi(routes.importStatus, handlers.importStatus)
    .openapi(routes.importCancel, handlers.importCancel)
}
