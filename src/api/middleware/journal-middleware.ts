/** Records every lakeFS request in the journal, and tells later middleware which operation it is. */
import type { Context, MiddlewareHandler } from 'hono'
import type { Clock } from '../../emulator/clock.js'
import type { Journal, JournalRecord } from '../observability/journal.js'
import type { OperationResolver, ResolvedOperation } from '../lakefs/operations.js'
import { requestIdOf } from './request-id.js'

// Context variables rather than AsyncLocalStorage (whose promise hooks slow every request on Node 20)
// or WeakMaps keyed by request (which cost the garbage collector on every request).
const OPERATION = 'lakefsOperation'
const RECORD = 'journalRecord'

/** The lakeFS operation this request is, once the journal middleware has seen it. */
export function operationOf(c: Context): ResolvedOperation | undefined {
  return c.get(OPERATION) as ResolvedOperation | undefined
}

/** Adds fault rules that fired on this request to its journal entry. */
export function noteFaultsFired(c: Context, rules: readonly string[]): void {
  const record = c.get(RECORD) as JournalRecord | undefined
  if (rules.length && record) record.faults = record.faults.concat(rules)
}

/** Adds the reasons this request failed validation to its journal entry. */
export function noteValidationProblems(c: Context, problems: readonly string[]): void {
  const record = c.get(RECORD) as JournalRecord | undefined
  if (record) record.problems = record.problems.concat(problems)
}

const API_PREFIX = '/api/v1'

/** Mounted on /api/v1/*: paths are resolved relative to it. */
export function journalMiddleware(journal: Journal, resolver: OperationResolver, clock: () => Clock): MiddlewareHandler {
  return async (c, next) => {
    const path = c.req.path
    const op = resolver.resolve(c.req.method, path.slice(API_PREFIX.length))
    if (op) c.set(OPERATION, op)
    const started = clock().now()
    const url = c.req.url
    const q = url.indexOf('?')
    const entry = journal.begin(started, c.req.method, path, q < 0 ? '' : url.slice(q), op?.operationId ?? null, requestIdOf(c) ?? null)
    c.set(RECORD, entry)
    try {
      await next()
    } catch (err) {
      // Only a dropped connection gets here (every other error became a response).
      journal.finish(entry, null, clock().now() - started)
      throw err
    }
    journal.finish(entry, c.res.status, clock().now() - started)
  }
}
