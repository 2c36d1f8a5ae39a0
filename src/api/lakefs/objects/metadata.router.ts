/** The metadata operations' router: each lakeFS route with its handler. */
import { createRouter } from '../create-router.js'
import * as handlers from './metadata.handlers.js'
import * as routes from './metadata.routes.js'

/** Registers the group's routes on `router` (one router holds all of lakeFS's: each route is added once). */
export function createMetadataRouter(router = createRouter()) {
  return router
    .openapi(routes.getMetaRange, handlers.getMetaRange)
    .openapi(routes.getRange, handlers.getRange)
    .openapi(routes.getMetadataObject, handlers.getMetadataObject)
    .openapi(routes.createSymlinkFile, handlers.createSymlinkFile)
}
