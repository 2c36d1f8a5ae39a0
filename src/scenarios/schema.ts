/** The scenario file format, version 1: the world an emulator starts with. */
import { z } from 'zod'
import { parseStorageUri } from '../emulator/blockstore.js'
import { FaultRuleSchema } from './fault-schema.js'

const isoDate = z.iso.datetime({ offset: true })

const SizeSchema = z.union([
  z.number().int().min(0),
  z.strictObject({ min: z.number().int().min(0), max: z.number().int().min(0) }).refine((s) => s.min <= s.max, {
    message: 'min must not exceed max',
  }),
])

export const StoreObjectSchema = z.strictObject({
  uri: z.string().min(1).describe('Full object URI: s3://bucket/key, gs://..., https://acct.blob.core.windows.net/container/key, local:///abs/path'),
  content: z.string().describe('The object body (UTF-8 text, or base64 with "encoding": "base64")'),
  encoding: z.enum(['utf8', 'base64']).optional(),
  lastModified: isoDate.optional().describe('Defaults to the clock start'),
})

export const GenerateSchema = z.strictObject({
  prefix: z.string().min(1).describe('URI prefix the generated keys are appended to'),
  keys: z.array(z.string().min(1)).min(1).describe('Shell brace patterns: {1..7}, {0001..2000}, {a,b}'),
  size: SizeSchema.describe('Bytes per object, or a seeded range { min, max }'),
  content: z.enum(['text', 'bytes']).optional().describe('Lorem text (default) or random bytes'),
  lastModified: isoDate.optional(),
})

/** A bucket by its URI: `s3://name`, `gs://name` or `https://<account>.blob.core.windows.net/<container>`. */
export const BucketSchema = z.string().refine(
  (b) => {
    const uri = parseStorageUri(b)
    return uri !== undefined && uri.type !== 'local' && uri.key === ''
  },
  { message: 'expected a bucket URI without a key: s3://name, gs://name or https://<account>.blob.core.windows.net/<container>' }
)

export const BranchSchema = z.strictObject({
  name: z.string().min(1),
  source: z.string().min(1).optional().describe('Ref to branch from; defaults to the default branch'),
  uncommitted: z
    .array(z.strictObject({ path: z.string().min(1), content: z.string() }))
    .optional()
    .describe('Objects staged on the branch (a dirty branch)'),
})

export const RepositorySchema = z.strictObject({
  name: z.string().regex(/^[a-z0-9][a-z0-9-]{2,62}$/),
  storageNamespace: z.string().min(1),
  defaultBranch: z.string().min(1).optional(),
  readOnly: z.boolean().optional(),
  branches: z.array(BranchSchema).optional(),
  actions: z
    .array(z.record(z.string(), z.unknown()))
    .optional()
    .describe('Action files, as lakeFS reads them ({name, on, hooks}), committed under _lakefs_actions/<name>.yaml on the default branch at start'),
})

export const ScenarioSchema = z.strictObject({
  $schema: z.string().optional(),
  version: z.literal(1).optional(),
  name: z.string().optional(),
  description: z.string().optional(),
  seed: z.number().int().optional(),
  blockstore: z
    .strictObject({
      type: z.enum(['s3', 'gs', 'azure', 'local']),
      importEnabled: z.boolean().optional().describe('local only: lakeFS blockstore.local.import_enabled (default false)'),
      importHidden: z.boolean().optional().describe('local only: import dot-files (default false)'),
      preSign: z
        .boolean()
        .optional()
        .describe("Pre-signed URLs for the fake store's endpoint of the blockstore's type: S3 presigned URLs, GCS V4 signed URLs, Azure SAS URLs (pre_sign_support; default true, as lakeFS's adapters)"),
    })
    .optional(),
  credentials: z
    .array(z.strictObject({ user: z.string().min(1), accessKeyId: z.string().min(1), secretAccessKey: z.string().min(1) }))
    .optional(),
  clock: z
    .strictObject({
      start: isoDate.optional().describe('Emulator time at start; defaults to the wall time'),
      mode: z
        .enum(['real', 'manual', 'scaled'])
        .optional()
        .describe('real (default): runs with wall time; manual: moves only when advanced; scaled: runs `speed` times faster'),
      speed: z.number().positive().optional().describe('For mode "scaled": emulator ms per wall ms (60: a minute per second)'),
    })
    .refine((c) => c.speed === undefined || c.mode === 'scaled', { message: 'speed applies only to mode "scaled"', path: ['speed'] })
    .optional(),
  import: z
    .strictObject({
      objectsPerSecond: z.number().min(0).optional(),
      statusIntervalMs: z.number().int().min(0).optional(),
    })
    .optional(),
  azure: z
    .strictObject({
      maxApiVersion: z
        .string()
        .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date-shaped x-ms-version, e.g. 2025-01-05')
        .optional()
        .describe("Refuse requests whose x-ms-version is later than this, as an Azurite that predates the client does (Azurite's 400 InvalidHeaderValue); absent: every version is accepted"),
    })
    .optional()
    .describe("The fake store's Azure Blob endpoint"),
  compat: z
    .strictObject({
      dirtyBranch: z.enum(['at-commit', 'reject-at-start']).optional(),
      failedImport: z.enum(['incomplete', 'completed']).optional(),
    })
    .optional(),
  store: z
    .strictObject({
      buckets: z.array(BucketSchema).optional().describe('Buckets (Azure: containers) that exist even while empty'),
      objects: z.array(StoreObjectSchema).optional(),
      generate: z.array(GenerateSchema).optional(),
    })
    .optional(),
  repositories: z.array(RepositorySchema).optional(),
  actions: z
    .strictObject({
      env: z.record(z.string(), z.string()).optional().describe('What {{ ENV.NAME }} in a hook\'s query_params and headers reads (beside LAKEFSACTIONS_* variables of the CLI\'s environment)'),
    })
    .optional(),
  faults: z.array(FaultRuleSchema).optional().describe('Fault rules, evaluated in order for every lakeFS call'),
})

export type Scenario = z.infer<typeof ScenarioSchema>
