/** Handlers for the import operations; they translate between the wire and the core. */
import type { Emulator } from '../emulator/emulator.js'
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
    .openapi(routes.importStatus, (c) => {
      requireUser(emulator, c)
      // {branch} is only used for authorization in lakeFS; lookup is by repository and id.
      const job = emulator.imports.get(c.req.valid('param').repository, c.req.valid('query').id)
      return c.json(toImportStatus(job.status), 200)
    })
    .openapi(routes.importCancel, (c) => {
      requireUser(emulator, c)
      emulator.imports.cancel(c.req.valid('param').repository, c.req.valid('query').id)
      return c.body(null, 204)
    })
}
