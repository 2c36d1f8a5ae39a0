/** The `faults` array of a scenario: which calls a rule matches, when it fires, what it does. */
import { z } from 'zod'
import { nearest } from '../util/nearest.js'

const Ms = z.number().int().min(0)
const Count = z.number().int().min(0)
/**
 * A lakeFS operationId. Which ones the emulator serves comes from its route table, known where the
 * app is composed: `checkOperations` holds a scenario to it, and the JSON Schema's enum is made from it.
 */
export const OPERATION_ID_DESCRIPTION = 'A lakeFS operationId the emulator serves'
const OperationId = z.string().min(1).describe(OPERATION_ID_DESCRIPTION)

export const DelaySchema = z.union([
  Ms,
  z
    .strictObject({ min: Ms, max: Ms })
    .refine((d) => d.min <= d.max, { message: 'min must not exceed max' })
    .describe('A seeded uniform delay between min and max'),
])

export const RespondSchema = z
  .strictObject({
    status: z.number().int().min(200).max(599),
    message: z.string().optional().describe('The lakeFS error message ({"message": ...}); defaults to lakeFS wording for the status'),
    code: z
      .string()
      .regex(/^[A-Za-z][A-Za-z0-9]*$/)
      .optional()
      .describe('S3 front doors only: the <Code> of the XML error; defaults by status (503 SlowDown, 500 InternalError, 403 AccessDenied, 404 NoSuchKey, else BadRequest)'),
    headers: z.record(z.string(), z.string()).optional().describe('Extra response headers, e.g. {"Retry-After": "2"}'),
    body: z.unknown().optional().describe('A JSON body to send instead of {"message": ...}'),
  })
  .describe('Answer with this instead of running the real handler')

export const ImportEffectsSchema = z
  .strictObject({
    stall: z
      .strictObject({
        atObjects: Count,
        forMs: Ms.optional().describe('How long the walker stays stuck; absent = until cancelled'),
      })
      .optional()
      .describe('The walker stops once atObjects objects are ingested: ingested_objects freezes, update_time keeps ticking (lakeFS #6878)'),
    crash: z
      .strictObject({ atObjects: Count })
      .optional()
      .describe('The lakeFS process dies once atObjects objects are ingested: the status freezes whole (count and update_time), nothing is committed'),
    fail: z
      .strictObject({ atObjects: Count, message: z.string().min(1).optional() })
      .optional()
      .describe('The import fails once atObjects objects are ingested: "import error: <message>"'),
    throttle: z
      .strictObject({ atObjects: Count, objectsPerSecond: z.number().positive() })
      .optional()
      .describe('The ingest pace changes once atObjects objects are ingested'),
    conflict: z
      .enum(['dirtyBranch', 'concurrentCommit'])
      .optional()
      .describe('Just before the import commits: an uncommitted change appears on the branch, or another commit lands on it'),
  })
  .refine((e) => Object.keys(e).length > 0, { message: 'expected at least one of stall, crash, fail, throttle, conflict' })

export const FaultRuleSchema = z
  .strictObject({
    name: z.string().min(1).optional().describe('Shown in the journal when the rule fires; defaults to faults[i]'),
    description: z.string().optional(),
    operation: z
      .union([z.literal('*'), OperationId, z.array(OperationId).min(1)])
      .optional()
      .describe('A lakeFS operationId, an S3 one (s3:<Op> on the fake store, gateway:<Op> on lakeFS\'s gateway), a list of them, or "*"; rules with "import" default to importStart'),
    method: z.enum(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE']).optional(),
    repository: z.string().min(1).optional().describe('The repository (on the S3 gateway: the bucket)'),
    branch: z.string().min(1).optional().describe('The branch (on the S3 gateway: the ref the key starts with)'),
    bucket: z.string().min(1).optional().describe('S3 front doors: the bucket (on the gateway, the repository)'),
    calls: z.array(z.number().int().min(1)).min(1).optional().describe('The matching calls that fire, 1-based'),
    after: z.number().int().min(1).optional().describe('Fire from the Nth matching call on'),
    every: z.number().int().min(1).optional().describe('Fire on every Nth matching call'),
    times: z.number().int().min(1).optional().describe('Stop after firing this many times'),
    probability: z.number().min(0).max(1).optional().describe('Chance of firing, drawn from the seeded generator'),
    window: z
      .strictObject({ fromMs: Ms.optional(), untilMs: Ms.optional() })
      .refine((w) => w.fromMs === undefined || w.untilMs === undefined || w.fromMs < w.untilMs, {
        message: 'fromMs must be less than untilMs',
      })
      .optional()
      .describe('Emulator milliseconds since start: fires when fromMs <= t < untilMs'),
    delayMs: DelaySchema.optional().describe('Wait this long (emulator time) before answering'),
    respond: RespondSchema.optional(),
    dropConnection: z.literal(true).optional().describe('Destroy the socket without an answer'),
    import: ImportEffectsSchema.optional().describe('Effects on the import this importStart call starts'),
  })
  .superRefine((rule, ctx) => {
    const problem = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message })
    if (rule.import) {
      for (const key of ['delayMs', 'respond', 'dropConnection'] as const) {
        if (rule[key] !== undefined) {
          problem(key, 'a rule with "import" effects acts on the started import; put HTTP effects in a separate rule')
        }
      }
      const ops = rule.operation === undefined ? ['importStart'] : [rule.operation].flat()
      if (ops.some((op) => op !== 'importStart')) problem('operation', 'expected "importStart": "import" effects apply to the job it starts')
      if (rule.method !== undefined && rule.method !== 'POST') problem('method', 'expected "POST" (importStart)')
      return
    }
    if (rule.operation === undefined) problem('operation', 'expected a lakeFS operationId, a list of them, or "*"')
    if (rule.delayMs === undefined && rule.respond === undefined && rule.dropConnection === undefined) {
      problem('respond', 'expected at least one effect: delayMs, respond, dropConnection or import')
    }
    if (rule.respond !== undefined && rule.dropConnection !== undefined) {
      problem('dropConnection', 'a rule either responds or drops the connection, not both')
    }
  })

export type FaultRule = z.infer<typeof FaultRuleSchema>
export type ImportEffects = z.infer<typeof ImportEffectsSchema>

/**
 * The fault rules' operations that the emulator does not serve, as problems at their JSON paths,
 * each with the nearest served name when one is close (`importStatuss`: did you mean "importStatus"?).
 */
export function unservedOperations(faults: readonly FaultRule[], served: readonly string[]): { path: string; message: string }[] {
  const known = new Set(served)
  return faults.flatMap((rule, i) => {
    const named = rule.operation === undefined || rule.operation === '*' ? [] : [rule.operation].flat()
    return named.flatMap((op, j) => {
      if (known.has(op)) return []
      const near = nearest(op, served)
      const path = Array.isArray(rule.operation) ? `$.faults[${i}].operation[${j}]` : `$.faults[${i}].operation`
      const hint = near ? `; did you mean "${near}"?` : `; one of ${served.join(', ')}`
      return [{ path, message: `expected an operationId the emulator serves, got "${op}"${hint}` }]
    })
  })
}
