/** Handlers for the import operations; they translate between the wire and the core. */
import type { Context, TypedResponse } from 'hono'
import type { z } from '@hono/zod-openapi'
import type { Emulator } from '../emulator/emulator.js'
import type { ImportStatusRecord } from '../emulator/import-job.js'
import { jsonResponse } from './nosniff-json.js'
import type { ImportStatusSchema } from './schemas.js'
import { requireUser } from './auth.js'
import { createRouter } from './create-router.js'
import { noteFaultsFired } from './journal-middleware.js'
import { toImportStatus } from './dto.js'
import * as routes from './import.routes.js'

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
    .openapi(routes.importStatus, (c) => importStatus(emulator, c, c.req.valid('param').repository, c.req.valid('query').id))
    .openapi(routes.importCancel, (c) => {
      requireUser(emulator, c)
      emulator.imports.cancel(c.req.valid('param').repository, c.req.valid('query').id)
      return c.body(null, 204)
    })
}

type ImportStatus = z.infer<typeof ImportStatusSchema>

function importStatus(emulator: Emulator, c: Context, repository: string, id: string) {
  requireUser(emulator, c)
  // {branch} is only used for authorization in lakeFS; lookup is by repository and id.
  return jsonResponse(statusJson(emulator.imports.get(repository, id).status), 200) as Response & TypedResponse<ImportStatus, 200, 'json'>
}

/** Status records are immutable snapshots, so each is serialized once however often it is polled. */
const serialized = new WeakMap<ImportStatusRecord, string>()
export function statusJson(status: ImportStatusRecord): string {
  let text = serialized.get(status)
  if (text === undefined) serialized.set(status, (text = JSON.stringify(toImportStatus(status))))
  return text
}
