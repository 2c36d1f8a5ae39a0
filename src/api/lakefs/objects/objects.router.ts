/** The objects operations' router: each lakeFS route with its handler. */
import { createRouter } from '../create-router.js'
import * as handlers from './objects.handlers.js'
import * as routes from './objects.routes.js'

/** Registers the group's routes on `router` (one router holds all of lakeFS's: each route is added once). */
export function createObjectsRouter(router = createRouter()) {
  return router
    .openapi(routes.getObject, handlers.getObject)
    .openapi(routes.headObject, handlers.headObject)
    .openapi(routes.statObject, handlers.statObject)
    .openapi(routes.listObjects, handlers.listObjects)
    .openapi(routes.uploadObject, handlers.uploadObject)
    .openapi(routes.deleteObject, handlers.deleteObject)
    .openapi(routes.deleteObjects, handlers.deleteObjects)
    .openapi(routes.copyObject, handlers.copyObject)
    .openapi(routes.updateObjectUserMetadata, handlers.updateObjectUserMetadata)
    .openapi(routes.diffBranch, handlers.diffBranch)
    .openapi(routes.getUnderlyingProperties, handlers.getUnderlyingProperties)
}
