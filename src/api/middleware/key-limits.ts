/**
 * Limits on object keys and on import paths, so a hostile request gets a 400 rather than the
 * emulator's memory: an import copies its destination into every key it writes, so one long
 * destination times a million objects is gigabytes. lakeFS sets neither limit (its store's limits
 * apply); the defaults sit far above anything a real object store holds (S3, GCS and Azure stop
 * at 1,024 bytes), and the README lists them as deliberate differences.
 */
import type { Context, MiddlewareHandler } from 'hono'
import { errorResponse } from '../lakefs/errors.js'
import { noteValidationProblems, operationOf } from './journal-middleware.js'

export interface KeyLimits {
  /** UTF-8 bytes of one object key, source path or prefix, in a query or a JSON body; default 4096. */
  readonly keyBytes?: number
  /** Entries in one importStart's `paths`; default 100,000. */
  readonly importPaths?: number
}

export const DEFAULT_KEY_BYTES = 4096
export const DEFAULT_IMPORT_PATHS = 100_000

/** Query parameters that carry keys or key prefixes, in any lakeFS operation. */
const KEY_QUERY_PARAMS = ['path', 'dest_path', 'prefix', 'after', 'objects', 'prefixes'] as const
/** JSON fields that carry keys (importStart, resetBranch, copyObject) or lists of them (deleteObjects). */
const KEY_FIELDS = new Set(['path', 'destination', 'src_path'])
const JSON_TYPE = /^application\/([a-z.-]+\+)?json/i

interface Bounds {
  readonly keyBytes: number
  readonly importPaths: number
}

/** Mounted after the body limits, so a body it parses is already bounded. */
export function keyLimits(limits: KeyLimits): MiddlewareHandler {
  const bounds: Bounds = { keyBytes: limits.keyBytes ?? DEFAULT_KEY_BYTES, importPaths: limits.importPaths ?? DEFAULT_IMPORT_PATHS }
  return async (c, next) => {
    const problem = queryProblem(bounds, c.req.url) ?? (await bodyProblem(bounds, c))
    if (!problem) return next()
    noteValidationProblems(c, [problem])
    return errorResponse(c, 400, problem)
  }
}

function tooLong({ keyBytes }: Bounds, where: string, key: string): string | undefined {
  const bytes = Buffer.byteLength(key)
  return bytes > keyBytes ? `${where} is too long: ${bytes} bytes, the limit is ${keyBytes} (--max-key-bytes)` : undefined
}

/**
 * No value decodes to more than twice its URL's length (a raw Latin-1 character becomes two UTF-8
 * bytes), so short URLs, status polls among them, never parse their query.
 */
function queryProblem(bounds: Bounds, url: string): string | undefined {
  if (url.length * 2 <= bounds.keyBytes) return undefined
  const query = new URL(url).searchParams
  for (const name of KEY_QUERY_PARAMS) {
    for (const value of query.getAll(name)) {
      const problem = tooLong(bounds, name, value)
      if (problem) return problem
    }
  }
  return undefined
}

async function bodyProblem(bounds: Bounds, c: Context): Promise<string | undefined> {
  const method = c.req.method
  if (method === 'GET' || method === 'HEAD' || !JSON_TYPE.test(c.req.header('content-type') ?? '')) return undefined
  let body: unknown
  try {
    // Hono caches the parsed body, so the route's validator does not read it again; a body that
    // does not parse is left for the validator to answer as lakeFS does.
    body = await c.req.json()
  } catch {
    return undefined
  }
  return fieldsProblem(bounds, body, '', operationOf(c)?.operationId === 'importStart')
}

function fieldsProblem(bounds: Bounds, value: unknown, at: string, isImport: boolean): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined
  for (const [field, v] of Object.entries(value)) {
    const where = at + field
    if (KEY_FIELDS.has(field) && typeof v === 'string') {
      const problem = tooLong(bounds, where, v)
      if (problem) return problem
    } else if (field === 'paths' && Array.isArray(v)) {
      if (isImport && v.length > bounds.importPaths) {
        return `too many import paths: ${v.length}, the limit is ${bounds.importPaths} (--max-import-paths)`
      }
      for (let i = 0; i < v.length; i++) {
        const item: unknown = v[i]
        const problem = typeof item === 'string' ? tooLong(bounds, `${where}[${i}]`, item) : fieldsProblem(bounds, item, `${where}[${i}].`, false)
        if (problem) return problem
      }
    }
  }
  return undefined
}
