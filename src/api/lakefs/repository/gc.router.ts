/** The GC preparation operations' router: each lakeFS route with its handler. */
import { createRouter } from '../create-router.js'
import * as handlers from './gc.handlers.js'
import * as routes from './gc.routes.js'

/** Registers the group's routes on `router` (one router holds all of lakeFS's: each route is added once). */
export function createGcRouter(router = createRouter()) {
  return router
    .openapi(routes.prepareGarbageCollectionCommits, handlers.prepareGarbageCollectionCommits)
    .openapi(routes.prepareGarbageCollectionCommitsAsync, handlers.prepareGarbageCollectionCommitsAsync)
    .openapi(routes.prepareGarbageCollectionCommitsStatus, handlers.prepareGarbageCollectionCommitsStatus)
    .openapi(routes.prepareGarbageCollectionUncommitted, handlers.prepareGarbageCollectionUncommitted)
}
