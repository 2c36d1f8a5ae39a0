/** The staging operations' router: each lakeFS route with its handler. */
import { createRouter } from '../create-router.js'
import * as handlers from './staging.handlers.js'
import * as routes from './staging.routes.js'

/** Registers the group's routes on `router` (one router holds all of lakeFS's: each route is added once). */
export function createStagingRouter(router = createRouter()) {
  return router
    .openapi(routes.getPhysicalAddress, handlers.getPhysicalAddress)
    .openapi(routes.linkPhysicalAddress, handlers.linkPhysicalAddress)
    .openapi(routes.createPresignMultipartUpload, handlers.createPresignMultipartUpload)
    .openapi(routes.completePresignMultipartUpload, handlers.completePresignMultipartUpload)
    .openapi(routes.abortPresignMultipartUpload, handlers.abortPresignMultipartUpload)
    .openapi(routes.uploadPart, handlers.uploadPart)
    .openapi(routes.uploadPartCopy, handlers.uploadPartCopy)
    .openapi(routes.stageObject, handlers.stageObject)
    .openapi(routes.uploadObjectPreflight, handlers.uploadObjectPreflight)
}
