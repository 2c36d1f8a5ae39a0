/** The GC preparation operations' router: each lakeFS route with its handler. */
import { createRouter } from '../create-router.js'
import * as handlers from './gc.handlers.js'
import * as routes from './gc.routes.js'

export function createGcRouter() {
  return createRouter()
    .openapi(routes.prepareGarbageCollectionCommits, handlers.prepareGarbageCollectionCommits)
    .openapi(routes.prepareGarbageCollectionCommitsAsync, handlers.prepareGarbageCollectionCommitsAsync)
    .openapi(routes.prepareGarbageCollectionCommitsStatus, handlers.prepareGarbageCollectionCommitsStatus)
    .openapi(routes.prepareGarbageCollectionUncommitted, handlers.prepareGarbageCollectionUncommitted)
}
