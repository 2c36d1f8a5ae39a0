/** Handlers for tags. */
import { pageAmount } from '../../../emulator/catalog/pagination.js'
import { signedIn } from '../auth.js'
import { toPagination } from '../dto.js'
import type * as routes from './tags.routes.js'
import type { LakeFSHandler } from '../create-router.js'

export const listTags: LakeFSHandler<typeof routes.listTags> = (c) => {
  const { emulator } = signedIn(c)
  const q = c.req.valid('query')
  const page = emulator.refs.listTags(c.req.valid('param').repository, { prefix: q.prefix, after: q.after, amount: pageAmount(q.amount) })
  const results = page.results.map((t) => ({ id: t.id, commit_id: t.commitId }))
  return c.json({ pagination: toPagination(page), results }, 200)
}

export const createTag: LakeFSHandler<typeof routes.createTag> = async (c) => {
  const { emulator, user } = signedIn(c)
  const body = c.req.valid('json')
  const commitId = await emulator.hooked.createTag(c.req.valid('param').repository, body.id, body.ref, user, body.force)
  return c.json({ id: body.id, commit_id: commitId }, 201)
}

export const getTag: LakeFSHandler<typeof routes.getTag> = (c) => {
  const { emulator } = signedIn(c)
  const { repository, tag } = c.req.valid('param')
  return c.json({ id: tag, commit_id: emulator.refs.getTag(repository, tag) }, 200)
}

export const deleteTag: LakeFSHandler<typeof routes.deleteTag> = async (c) => {
  const { emulator, user } = signedIn(c)
  const { repository, tag } = c.req.valid('param')
  await emulator.hooked.deleteTag(repository, tag, user)
  return c.body(null, 204)
}
