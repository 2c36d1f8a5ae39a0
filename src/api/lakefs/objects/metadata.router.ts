/** The metadata operations' router: each lakeFS route with its handler. */
import { createRouter } from '../create-router.js'
import * as handlers from './metadata.handlers.js'
import * as routes from './metadata.routes.js'

export function createMetadataRouter() {
  return createRouter()
    .openapi(routes.getMetaRange, handlers.getMetaRange)
    .openapi(routes.getRange, handlers.getRange)
    .openapi(routes.getMetadataObject, handlers.getMetadataObject)
    .openapi(routes.createSymlinkFile, handlers.createSymlinkFile)
}
