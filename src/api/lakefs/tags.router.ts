/** Handlers for tags. */
import type { Emulator } from '../../emulator/emulator.js'
import { pageAmount } from '../../emulator/catalog/pagination.js'
import { requireUser } from './auth.js'
import { createRouter } from './create-router.js'
import { toPagination } from './dto.js'
import * as routes from './tags.routes.js'

export function createTagsRouter(emulator: Emulator) {
  return createRouter()
    .openapi(routes.listTags, (c) => {
      requireUser(emulator, c)
      const q = c.req.valid('query')
      const page = emulator.refs.listTags(c.req.valid('param').repository, { prefix: q.prefix, after: q.after, amount: pageAmount(q.amount) })
      const results = page.results.map((t) => ({ id: t.id, commit_id: t.commitId }))
      return c.json({ pagination: toPagination(page), results }, 200)
    })
    .openapi(routes.createTag, (c) => {
      requireUser(emulator, c)
      const body = c.req.valid('json')
      const commitId = emulator.refs.createTag(c.req.valid('param').repository, body.id, body.ref, body.force)
      return c.json({ id: body.id, commit_id: commitId }, 201)
    })
    .openapi(routes.getTag, (c) => {
      requireUser(emulator, c)
      const { repository, tag } = c.req.valid('param')
      return c.json({ id: tag, commit_id: emulator.refs.getTag(repository, tag) }, 200)
    })
    .openapi(routes.deleteTag, (c) => {
      requireUser(emulator, c)
      const { repository, tag } = c.req.valid('param')
      emulator.refs.deleteTag(repository, tag)
      return c.body(null, 204)
    })
}
