/** Every lakeFS router is made here, so request validation fails the same way everywhere. */
import { OpenAPIHono, type RouteConfig, type RouteHandler } from '@hono/zod-openapi'
import type { ZodError } from 'zod'
import type { Emulator } from '../../emulator/emulator.js'
import type { Presigner } from './presign.js'
import { bodyIsAbsent } from '../middleware/absent-body.js'
import { errorResponse } from './errors.js'
import { noteValidationProblems } from '../middleware/journal-middleware.js'

/** What lakeFS handlers find on their context: the core they serve and the presigner (set once for the whole API). */
export interface LakeFSEnv {
  Variables: { emulator: Emulator; presigner: Presigner }
}

/** A handler for one lakeFS route, typed by the route's zod schemas. */
export type LakeFSHandler<R extends RouteConfig> = RouteHandler<R, LakeFSEnv>

/**
 * Validation runs before authentication, as in lakeFS, so a bad body is a 400 even without
 * credentials. Messages follow kin-openapi's shape (`request body has an error: ...`).
 */
export function createRouter(): OpenAPIHono<LakeFSEnv> {
  return new OpenAPIHono<LakeFSEnv>({
    defaultHook: (result, c) => {
      if (result.success) return
      const error = result.error as ZodError
      noteValidationProblems(c, error.issues.map((i) => `${result.target}${i.path.map((p) => `/${String(p)}`).join('')}: ${i.message}`))
      const message = result.target === 'json' && bodyIsAbsent(c) ? 'request body has an error: value is required but missing' : validationMessage(result.target, error)
      return errorResponse(c, 400, message)
    },
  })
}

function validationMessage(target: string, error: ZodError): string {
  const issue = error.issues[0]
  if (!issue) return 'request has an error'
  const where = issue.path.map(String)
  if (target === 'json' || target === 'form') {
    return `request body has an error: doesn't match schema: Error at "/${where.join('/')}": ${issue.message}`
  }
  const name = where[0] ?? ''
  const place = target === 'param' ? 'path' : target === 'header' ? 'header' : 'query'
  const reason = issue.code === 'invalid_type' && issue.input === undefined ? 'value is required but missing' : issue.message
  return `parameter "${name}" in ${place} has an error: ${reason}`
}
