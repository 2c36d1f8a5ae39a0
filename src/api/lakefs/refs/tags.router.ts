/** The tags operations' router: each lakeFS route with its handler. */
import { createRouter } from '../create-router.js'
import * as handlers from './tags.handlers.js'
import * as routes from './tags.routes.js'

/** Registers the group's routes on `router` (one router holds all of lakeFS's: each route is added once). */
export function createTagsRouter(router = createRouter()) {
  return router
    .openapi(routes.listTags, handlers.listTags)
    .openapi(routes.createTag, handlers.createTag)
    .openapi(routes.getTag, handlers.getTag)
    .openapi(routes.deleteTag, handlers.deleteTag)
}
