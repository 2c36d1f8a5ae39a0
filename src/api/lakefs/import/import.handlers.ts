/** Handlers for the import operations; they translate between the wire and the core. */
import type { z } from '@hono/zod-openapi'
import type { TypedResponse } from 'hono'
import { authenticated, signedIn } from '../auth.js'
import { statusJson } from '../dto.js'
import type * as routes from './import.routes.js'
import { noteFaultsFired } from '../../middleware/journal-middleware.js'
import { contextJsonResponse } from '../../middleware/nosniff-json.js'
import type { ImportStatusSchema } from '../schemas.js'
import type { LakeFSHandler } from '../create-router.js'

export const importStart: LakeFSHandler<typeof routes.importStart> = (c) => {
  const { emulator, user } = signedIn(c)
  const { repository, branch } = c.req.valid('param')
  const body = c.req.valid('json')
  const request = {
    paths: body.paths,
    message: body.commit.message,
    metadata: body.commit.metadata ?? {},
    force: body.force ?? false,
  }
  const id = emulator.imports.start(repository, branch, request, user)
  // Import fault rules fire inside start(); the journal shows them on this request.
  const job = emulator.imports.get(repository, id)
  noteFaultsFired(c, [...new Set(job.effects.map((a) => a.effect.rule))])
  return c.json({ id }, 202)
}

export const importStatus: LakeFSHandler<typeof routes.importStatus> = (c) => {
  const { emulator } = authenticated(c)
  // {branch} is only used for authorization in lakeFS; lookup is by repository and id.
  const job = emulator.imports.get(c.req.valid('param').repository, c.req.valid('query').id)
  return contextJsonResponse(c, statusJson(job.status), 200) as Response & TypedResponse<z.infer<typeof ImportStatusSchema>, 200, 'json'>
}

export const importCancel: LakeFSHandler<typeof routes.importCancel> = (c) => {
  const { emulator } = signedIn(c)
  emulator.imports.cancel(c.req.valid('param').repository, c.req.valid('query').id)
  return c.body(null, 204)
}
