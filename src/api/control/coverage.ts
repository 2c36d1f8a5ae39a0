/** The coverage report: which lakeFS operations and statuses a client exercised, and which it never did. */
import type { Journal } from '../observability/journal.js'
import type { ServedOperation } from '../lakefs/operations.js'

export interface OperationCoverage {
  readonly operationId: string
  readonly method: string
  readonly path: string
  readonly calls: number
  /** Status → how many times it was answered. */
  readonly statuses: Record<string, number>
  /** Declared statuses the client never saw. */
  readonly missingStatuses: number[]
}

export interface CoverageReport {
  readonly operations: { readonly served: number; readonly exercised: number }
  readonly statuses: { readonly declared: number; readonly exercised: number }
  readonly exercised: OperationCoverage[]
  /** Served operations the client never called. */
  readonly untouched: { readonly operationId: string; readonly method: string; readonly path: string }[]
}

export function coverageReport(journal: Journal, operations: readonly ServedOperation[]): CoverageReport {
  const exercised: OperationCoverage[] = []
  const untouched: CoverageReport['untouched'] = []
  let declared = 0
  let seenDeclared = 0
  for (const op of operations) {
    const answered = journal.statuses(op.operationId)
    declared += op.statuses.length
    seenDeclared += op.statuses.filter((s) => answered.has(s)).length
    if (answered.size === 0) {
      untouched.push({ operationId: op.operationId, method: op.method, path: op.path })
      continue
    }
    const statuses: Record<string, number> = {}
    let calls = 0
    for (const [status, count] of [...answered].sort((a, b) => a[0] - b[0])) {
      statuses[String(status)] = count
      calls += count
    }
    const missingStatuses = op.statuses.filter((s) => !answered.has(s))
    exercised.push({ operationId: op.operationId, method: op.method, path: op.path, calls, statuses, missingStatuses })
  }
  return {
    operations: { served: operations.length, exercised: exercised.length },
    statuses: { declared, exercised: seenDeclared },
    exercised,
    untouched,
  }
}
