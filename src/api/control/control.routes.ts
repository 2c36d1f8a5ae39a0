/**
 * The control API under /_emulator: not part of lakeFS, so it has its own small OpenAPI document
 * (/_emulator/openapi.json). Field names follow the scenario file (camelCase).
 */
import { createRoute, z } from '@hono/zod-openapi'
import { CommitSchema } from '../lakefs/schemas.js'

const tags = ['emulator']
const security = [{ control_token: [] }]

export const ControlErrorSchema = z
  .object({
    message: z.string(),
    problems: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .openapi('ControlError')

const errorsOf = (...statuses: (400 | 401 | 404 | 409)[]) =>
  Object.fromEntries(
    statuses.map((s) => [s, { description: 'Error', content: { 'application/json': { schema: ControlErrorSchema } } }])
  )

const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
})

export const ClockStateSchema = z
  .object({
    mode: z.enum(['real', 'manual', 'scaled']),
    speed: z.number().describe('Emulator ms per wall ms (0 in manual mode)'),
    now: z.string().describe('Emulator time, ISO 8601'),
    nowMs: z.number().int(),
    elapsedMs: z.number().int().describe('Emulator ms since the scenario was loaded or reset'),
  })
  .openapi('ClockState')

export const JournalEntrySchema = z
  .object({
    seq: z.number().int(),
    requestId: z.string().nullable().describe('The X-Request-Id of the answer'),
    time: z.string(),
    method: z.string(),
    path: z.string(),
    query: z.string(),
    operationId: z.string().nullable(),
    status: z.number().int().nullable().describe('null: the connection was dropped'),
    latencyMs: z.number().int(),
    faults: z.array(z.string()),
    problems: z.array(z.string()),
  })
  .openapi('JournalEntry')

const OperationRef = { operationId: z.string(), method: z.string(), path: z.string() }
export const CoverageSchema = z
  .object({
    operations: z.object({ served: z.number().int(), exercised: z.number().int() }),
    statuses: z.object({ declared: z.number().int(), exercised: z.number().int() }),
    exercised: z.array(
      z.object({
        ...OperationRef,
        calls: z.number().int(),
        statuses: z.record(z.string(), z.number().int()),
        missingStatuses: z.array(z.number().int()),
      })
    ),
    untouched: z.array(z.object(OperationRef)),
  })
  .openapi('Coverage')

export const ImportReportSchema = z
  .object({
    id: z.string(),
    repository: z.string(),
    branch: z.string(),
    state: z.enum(['running', 'completed', 'failed', 'canceled']),
    startTime: z.string().describe('When it started, emulator time'),
    paths: z.array(z.object({ type: z.enum(['common_prefix', 'object']), path: z.string(), destination: z.string() })).describe("The importStart request's sources and where each lands"),
    message: z.string().describe('The commit message it asked for'),
    walkedObjects: z.number().int().describe('Objects walked so far, published or not'),
    expectedObjects: z
      .number()
      .int()
      .nullable()
      .describe('About how many objects the walk visits in all, from the fake store (null until it is indexed; exact once the walk is done). lakeFS has no such figure'),
    status: z.object({
      completed: z.boolean(),
      updateTime: z.string(),
      ingestedObjects: z.number().int(),
      error: z.string().optional(),
      commitId: z.string().optional(),
    }),
    effects: z.array(
      z.object({
        rule: z.string(),
        kind: z.enum(['stall', 'crash', 'fail', 'throttle', 'conflict']),
        detail: z.record(z.string(), z.unknown()),
        firedAt: z.string().nullable(),
        endsAt: z.string().nullable().optional().describe('Stalls: when progress resumes (null: never)'),
      })
    ),
  })
  .openapi('ImportReport')

export const StoredObjectSchema = z
  .object({ uri: z.string(), size: z.number().int(), etag: z.string(), lastModified: z.string() })
  .openapi('FakeStoreObject')

export const RepositorySummarySchema = z
  .object({
    name: z.string(),
    storageNamespace: z.string(),
    defaultBranch: z.string(),
    branches: z.array(
      z.object({
        name: z.string(),
        commitId: z.string(),
        uncommitted: z.number().int().describe('Staged changes (writes and deletes)'),
      })
    ),
    tags: z.number().int(),
    commits: z.number().int(),
  })
  .openapi('RepositorySummary')

const UriQuery = z.object({ uri: z.string().min(1).openapi({ example: 's3://bucket/path/to/object' }) })

export const getScenario = createRoute({
  operationId: 'getScenario',
  tags,
  security,
  method: 'get',
  path: '/scenario',
  responses: { 200: json(z.record(z.string(), z.unknown()), 'The loaded scenario (merged, as validated)'), ...errorsOf(401) },
})

export const ScenarioSummarySchema = z
  .object({
    name: z.string().nullable(),
    description: z.string().nullable(),
    lines: z.array(z.string()).describe('What `lakefs-emulator validate` prints for it'),
    rules: z.array(
      z.object({
        name: z.string(),
        summary: z.string(),
        matched: z.number().int().describe('Calls the rule matched since the world was built'),
        fired: z.number().int().describe('Times it fired'),
      })
    ),
  })
  .openapi('ScenarioSummary')

export const getScenarioSummary = createRoute({
  operationId: 'getScenarioSummary',
  tags,
  security,
  method: 'get',
  path: '/scenario/summary',
  responses: { 200: json(ScenarioSummarySchema, 'The loaded scenario for people, with its fault rules and how often each fired'), ...errorsOf(401) },
})

export const putScenario = createRoute({
  operationId: 'putScenario',
  tags,
  security,
  method: 'put',
  path: '/scenario',
  request: {
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z
            .union([z.record(z.string(), z.unknown()), z.array(z.record(z.string(), z.unknown())).min(1)])
            .describe('A scenario (scenarios/scenario.schema.json), or a list of them: later ones add to earlier ones, as repeated --scenario flags do'),
        },
      },
    },
  },
  responses: { 204: { description: 'World and fault rules replaced' }, ...errorsOf(400, 401) },
})

export const reset = createRoute({
  operationId: 'reset',
  tags,
  security,
  method: 'post',
  path: '/reset',
  responses: { 204: { description: "Back to the loaded scenario's initial state" }, ...errorsOf(401) },
})

export const putObject = createRoute({
  operationId: 'putStoreObject',
  tags,
  security,
  method: 'put',
  path: '/objects',
  request: {
    query: UriQuery,
    body: { required: false, content: { 'application/octet-stream': { schema: z.string().openapi({ format: 'binary' }) } } },
  },
  responses: { 201: json(StoredObjectSchema, 'Stored in the fake object store'), ...errorsOf(400, 401) },
})

export const deleteObject = createRoute({
  operationId: 'deleteStoreObject',
  tags,
  security,
  method: 'delete',
  path: '/objects',
  request: { query: UriQuery },
  responses: { 204: { description: 'Deleted' }, ...errorsOf(400, 401, 404) },
})

export const getJournal = createRoute({
  operationId: 'getJournal',
  tags,
  security,
  method: 'get',
  path: '/journal',
  request: {
    query: z.object({
      operation: z.string().optional().describe('Only this lakeFS operationId'),
      since: z.iso.datetime({ offset: true }).optional().describe('Only requests that arrived at or after this emulator time'),
      limit: z.coerce.number().int().min(1).optional().describe('Only the latest this many (after the other filters)'),
    }),
  },
  responses: { 200: json(z.object({ entries: z.array(JournalEntrySchema) }), 'Requests, oldest first'), ...errorsOf(400, 401) },
})

export const listRepositorySummaries = createRoute({
  operationId: 'listRepositorySummaries',
  tags,
  security,
  method: 'get',
  path: '/repositories',
  responses: {
    200: json(z.object({ repositories: z.array(RepositorySummarySchema) }), 'Every repository with its branches, by name'),
    ...errorsOf(401),
  },
})

export const getCommitLog = createRoute({
  operationId: 'getCommitLog',
  tags,
  security,
  method: 'get',
  path: '/repositories/{repository}/log',
  request: {
    params: z.object({ repository: z.string() }),
    query: z.object({
      ref: z.string().min(1).describe('A branch, tag or commit (any lakeFS ref expression)'),
      amount: z.coerce.number().int().min(1).max(1000).default(50),
    }),
  },
  responses: {
    200: json(z.object({ commits: z.array(CommitSchema) }), "The ref's log, newest first, as logCommits gives it"),
    ...errorsOf(400, 401, 404),
  },
})

export const clearJournal = createRoute({
  operationId: 'clearJournal',
  tags,
  security,
  method: 'delete',
  path: '/journal',
  responses: { 204: { description: 'Journal and coverage cleared' }, ...errorsOf(401) },
})

export const getCoverage = createRoute({
  operationId: 'getCoverage',
  tags,
  security,
  method: 'get',
  path: '/coverage',
  responses: { 200: json(CoverageSchema, 'Operations and statuses exercised since the journal was last cleared'), ...errorsOf(401) },
})

export const getClock = createRoute({
  operationId: 'getClock',
  tags,
  security,
  method: 'get',
  path: '/clock',
  responses: { 200: json(ClockStateSchema, 'Emulator time'), ...errorsOf(401) },
})

export const advanceClock = createRoute({
  operationId: 'advanceClock',
  tags,
  security,
  method: 'post',
  path: '/clock/advance',
  request: {
    body: {
      required: true,
      content: { 'application/json': { schema: z.strictObject({ ms: z.number().int().min(0).max(10 * 365 * 86_400_000) }) } },
    },
  },
  responses: {
    200: json(ClockStateSchema, 'Time moved; imports have done the work it allows'),
    ...errorsOf(400, 401, 409),
  },
})

export const listImports = createRoute({
  operationId: 'listImports',
  tags,
  security,
  method: 'get',
  path: '/imports',
  responses: { 200: json(z.object({ imports: z.array(ImportReportSchema) }), 'Every import, oldest first'), ...errorsOf(401) },
})

export const cancelImport = createRoute({
  operationId: 'cancelImport',
  tags,
  security,
  method: 'post',
  path: '/imports/{id}/cancel',
  request: { params: z.object({ id: z.string() }) },
  responses: {
    204: { description: 'Canceled, as importCancel would' },
    ...errorsOf(401, 404, 409),
  },
})

const HookRunReportSchema = z.object({ hookRunId: z.string(), action: z.string(), hookId: z.string(), status: z.enum(['completed', 'failed']) }).openapi('HookRunReport')

export const ActionRunReportSchema = z
  .object({
    repository: z.string(),
    runId: z.string(),
    eventType: z.string(),
    branch: z.string(),
    commitId: z.string(),
    status: z.enum(['completed', 'failed']),
    startTime: z.string(),
    endTime: z.string(),
    hooks: z.array(HookRunReportSchema),
  })
  .openapi('ActionRunReport')

export const listRuns = createRoute({
  operationId: 'listRuns',
  tags,
  security,
  method: 'get',
  path: '/runs',
  responses: { 200: json(z.object({ runs: z.array(ActionRunReportSchema) }), 'The latest 50 action runs of every repository, newest first'), ...errorsOf(401) },
})
