/** Every lakeFS router is made here, so request validation fails the same way everywhere. */
import { OpenAPIHono, type RouteConfig, type RouteHandler } from '@hono/zod-openapi'
import type { MiddlewareHandler } from 'hono'
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
 * For a required body whose schema requires no field (PullRequestBasic): without bytes it would
 * validate as `{}`, where kin-openapi answers that the body is missing. Set as the route's middleware.
 */
export const bodyRequired: MiddlewareHandler = (c, next) =>
  bodyIsAbsent(c) ? Promise.resolve(errorResponse(c, 400, 'request body has an error: value is required but missing')) : next()

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
    const missing = issue.code === 'invalid_type' && issue.input === undefined && where.length > 0
    const reason = missing ? `property "${where[where.length - 1]}" is missing` : kinReason(issue)
    return `request body has an error: doesn't match schema: Error at "/${where.join('/')}": ${reason}`
  }
  const name = where[0] ?? ''
  const place = target === 'param' ? 'path' : target === 'header' ? 'header' : 'query'
  const reason = issue.code === 'invalid_type' && issue.input === undefined ? 'value is required but missing' : kinReason(issue)
  return `parameter "${name}" in ${place} has an error: ${reason}`
}

/** A zod issue in kin-openapi's words (openapi3/schema.go, v0.131.0 as lakeFS pins it); its own message otherwise. */
function kinReason(issue: ZodError['issues'][number]): string {
  switch (issue.code) {
    case 'invalid_value':
      return `value is not one of the allowed values ${JSON.stringify(issue.values)}`
    case 'invalid_type':
      return KIN_TYPES[issue.expected] ?? issue.message
    case 'too_small':
    case 'too_big': {
      const limit = Number(issue.code === 'too_small' ? issue.minimum : issue.maximum)
      const [least, most] = issue.origin === 'string' ? ['minimum string length is', 'maximum string length is'] : issue.origin === 'array' ? ['minimum number of items is', 'maximum number of items is'] : ['number must be at least', 'number must be at most']
      return `${issue.code === 'too_small' ? least : most} ${limit}`
    }
    case 'invalid_format':
      return issue.format === 'regex' && 'pattern' in issue ? `string doesn't match the regular expression "${String(issue.pattern).replace(/^\/|\/[a-z]*$/g, '')}"` : issue.message
    default:
      return issue.message
  }
}

const KIN_TYPES: Record<string, string> = {
  string: 'value must be a string',
  number: 'value must be a number',
  int: 'value must be an integer',
  boolean: 'value must be a boolean',
  object: 'value must be an object',
  array: 'value must be an array',
}
