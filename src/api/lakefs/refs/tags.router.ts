/** The tags operations' router: each lakeFS route with its handler. */
import { createRouter } from '../create-router.js'
import * as handlers from './tags.handlers.js'
import * as routes from './tags.routes.js'

export function createTagsRouter() {
  return createRouter()
    .openapi(routes.listTags, handlers.listTags)
    .openapi(routes.createTag, handlers.createTag)
    .openapi(routes.getTag, handlers.getTag)
    .openapi(routes.deleteTag, handlers.deleteTag)
}
