/** Handlers for the import operations; they translate between the wire and the core. */
import type { z } from '@hono/zod-openapi'
import type { TypedResponse } from 'hono'
import type { Emulator } from '../../emulator/emulator.js'
import type { ImportStatusRecord } from '../../emulator/import/import-job.js'
import { requireUser } from './auth.js'
import { createRouter } from './create-router.js'
import { toImportStatus } from './dto.js'
import * as routes from './import.routes.js'
import { noteFaultsFired } from '../middleware/journal-middleware.js'
import { contextJsonResponse } from '../middleware/nosniff-json.js'
import type { ImportStatusSchema } from './schemas.js'

export function createImportRouter(emulator: Emulator) {
  return createRouter()
    .openapi(routes.importStart, (c) => {
      const user = requireUser(emulator, c)
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
    })
    .openapi(routes.importStatus, (c) => {
      requireUser(emulator, c)
      // {branch} is only used for authorization in lakeFS; lookup is by repository and id.
      const job = emulator.imports.get(c.req.valid('param').repository, c.req.valid('query').id)
      return contextJsonResponse(c, statusJson(job.status), 200) as Response & TypedResponse<z.infer<typeof ImportStatusSchema>, 200, 'json'>
    })
    .openapi(routes.importCancel, (c) => {
      requireUser(emulator, c)
      emulator.imports.cancel(c.req.valid('param').repository, c.req.valid('query').id)
      return c.body(null, 204)
    })
}

/** Status records are immutable snapshots, so each is serialized once however often it is polled. */
const serialized = new WeakMap<ImportStatusRecord, string>()
export function statusJson(status: ImportStatusRecord): string {
  let text = serialized.get(status)
  if (text === undefined) serialized.set(status, (text = JSON.stringify(toImportStatus(status))))
  return text
}
