/** The staging operations' router: each lakeFS route with its handler. */
import { createRouter } from '../create-router.js'
import * as handlers from './staging.handlers.js'
import * as routes from './staging.routes.js'

export function createStagingRouter() {
  return createRouter()
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
