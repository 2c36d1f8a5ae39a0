/** Wire schemas, named after lakeFS's OpenAPI components (api/swagger.yml). */
import { z } from '@hono/zod-openapi'
import { queryInteger } from './query-params.js'

export const ErrorSchema = z
  .object({ message: z.string().openapi({ description: 'short message explaining the error' }) })
  .openapi('Error')

export const PaginationSchema = z
  .object({
    has_more: z.boolean(),
    next_offset: z.string(),
    results: z.number().int().min(0),
    max_per_page: z.number().int().min(0),
  })
  .openapi('Pagination')

export const StringMap = z.record(z.string(), z.string())

export const CommitSchema = z
  .object({
    id: z.string(),
    parents: z.array(z.string()),
    committer: z.string(),
    message: z.string(),
    creation_date: z.number().int().openapi({ description: 'Unix Epoch in seconds' }),
    meta_range_id: z.string(),
    metadata: StringMap.optional(),
    generation: z.number().int().optional(),
    version: z.number().int().min(0).max(1).optional(),
  })
  .openapi('Commit')

export const CommitCreationSchema = z
  .object({
    message: z.string(),
    metadata: StringMap.optional(),
    date: z.number().int().optional(),
    allow_empty: z.boolean().optional(),
    force: z.boolean().optional(),
  })
  .openapi('CommitCreation')

export const ImportLocationSchema = z
  .object({
    type: z.enum(['common_prefix', 'object']),
    path: z.string().openapi({ example: 's3://my-bucket/production/collections/' }),
    destination: z.string().openapi({ example: 'collections/' }),
  })
  .openapi('ImportLocation')

export const ImportCreationSchema = z
  .object({
    paths: z.array(ImportLocationSchema),
    commit: CommitCreationSchema,
    force: z.boolean().optional(),
  })
  .openapi('ImportCreation')

export const ImportCreationResponseSchema = z
  .object({ id: z.string().openapi({ description: 'The id of the import process' }) })
  .openapi('ImportCreationResponse')

export const ImportStatusSchema = z
  .object({
    completed: z.boolean(),
    update_time: z.string().openapi({ format: 'date-time' }),
    ingested_objects: z.number().int().optional(),
    metarange_id: z.string().optional(),
    commit: CommitSchema.optional(),
    error: ErrorSchema.optional(),
  })
  .openapi('ImportStatus')

export const RepositorySchema = z
  .object({
    id: z.string(),
    creation_date: z.number().int(),
    default_branch: z.string(),
    storage_id: z.string().optional(),
    storage_namespace: z.string(),
    read_only: z.boolean().optional(),
  })
  .openapi('Repository')

export const RepositoryCreationSchema = z
  .object({
    name: z.string().regex(/^[a-z0-9][a-z0-9-]{2,62}$/),
    storage_id: z.string().optional(),
    storage_namespace: z.string().regex(/^(s3|gs|https?|mem|local|transient):\/\/.*$/),
    default_branch: z.string().optional(),
    sample_data: z.boolean().optional(),
    read_only: z.boolean().optional(),
  })
  .openapi('RepositoryCreation')

export const RepositoryListSchema = z
  .object({ pagination: PaginationSchema, results: z.array(RepositorySchema) })
  .openapi('RepositoryList')

export const RepositoryMetadataSchema = StringMap.openapi('RepositoryMetadata')

export const RefSchema = z.object({ id: z.string(), commit_id: z.string() }).openapi('Ref')

export const RefListSchema = z
  .object({ pagination: PaginationSchema, results: z.array(RefSchema) })
  .openapi('RefList')

export const BranchCreationSchema = z
  .object({
    name: z.string(),
    source: z.string(),
    force: z.boolean().optional(),
    hidden: z.boolean().optional(),
  })
  .openapi('BranchCreation')

export const ObjectStatsSchema = z
  .object({
    path: z.string(),
    path_type: z.enum(['common_prefix', 'object']),
    physical_address: z.string(),
    physical_address_expiry: z.number().int().optional(),
    checksum: z.string(),
    size_bytes: z.number().int().optional(),
    mtime: z.number().int(),
    metadata: StringMap.optional(),
    content_type: z.string().optional(),
  })
  .openapi('ObjectStats')

export const ObjectStatsListSchema = z
  .object({ pagination: PaginationSchema, results: z.array(ObjectStatsSchema) })
  .openapi('ObjectStatsList')

export const DiffSchema = z
  .object({
    type: z.enum(['added', 'removed', 'changed', 'conflict', 'prefix_changed']),
    path: z.string(),
    path_type: z.enum(['common_prefix', 'object']),
    size_bytes: z.number().int().optional(),
  })
  .openapi('Diff')

export const DiffListSchema = z
  .object({ pagination: PaginationSchema, results: z.array(DiffSchema) })
  .openapi('DiffList')

export const VersionConfigSchema = z
  .object({
    version: z.string().optional(),
    version_context: z.string().optional(),
    latest_version: z.string().optional(),
    upgrade_recommended: z.boolean().optional(),
    upgrade_url: z.string().optional(),
  })
  .openapi('VersionConfig')

export const StorageConfigSchema = z
  .object({
    blockstore_type: z.string(),
    blockstore_namespace_example: z.string(),
    blockstore_namespace_ValidityRegex: z.string(),
    default_namespace_prefix: z.string().optional(),
    pre_sign_support: z.boolean(),
    pre_sign_support_ui: z.boolean(),
    import_support: z.boolean(),
    import_validity_regex: z.string(),
    pre_sign_multipart_upload: z.boolean().optional(),
    blockstore_id: z.string().optional(),
    blockstore_description: z.string().optional(),
  })
  .openapi('StorageConfig')

export const ConfigSchema = z
  .object({
    version_config: VersionConfigSchema.optional(),
    storage_config: StorageConfigSchema.optional(),
    storage_config_list: z.array(StorageConfigSchema).optional(),
    ui_config: z.object({}).optional(),
    capabilities_config: z.object({}).optional(),
  })
  .openapi('Config')

export const LoginConfigSchema = z
  .object({
    RBAC: z.enum(['none', 'simplified', 'internal', 'external']).optional(),
    login_url: z.string(),
    login_cookie_names: z.array(z.string()),
    logout_url: z.string(),
  })
  .openapi('LoginConfig')

export const SetupStateSchema = z
  .object({
    state: z.enum(['initialized', 'not_initialized']).optional(),
    comm_prefs_missing: z.boolean().optional(),
    login_config: LoginConfigSchema.optional(),
  })
  .openapi('SetupState')

export const SetupSchema = z
  .object({
    username: z.string(),
    key: z
      .object({ access_key_id: z.string().min(1), secret_access_key: z.string().min(1) })
      .optional(),
    firstName: z.string().optional(),
    lastName: z.string().optional(),
    email: z.string().optional(),
    companyName: z.string().optional(),
    featureUpdates: z.boolean().optional(),
    securityUpdates: z.boolean().optional(),
  })
  .openapi('Setup')

export const CommPrefsInputSchema = z
  .object({
    firstName: z.string().optional(),
    lastName: z.string().optional(),
    email: z.string().optional(),
    companyName: z.string().optional(),
    featureUpdates: z.boolean(),
    securityUpdates: z.boolean(),
  })
  .openapi('CommPrefsInput')

export const StatsEventsListSchema = z
  .object({ events: z.array(z.object({ class: z.string(), name: z.string(), count: z.number().int() }).openapi('StatsEvent')) })
  .openapi('StatsEventsList')

export const InstallationUsageReportSchema = z
  .object({
    installation_id: z.string(),
    reports: z.array(z.object({ year: z.number().int(), month: z.number().int(), count: z.number().int() }).openapi('UsageReport')),
  })
  .openapi('InstallationUsageReport')

export const GarbageCollectionConfigSchema = z.object({ grace_period: z.number().int().optional() }).openapi('GarbageCollectionConfig')

export const CredentialsWithSecretSchema = z
  .object({ access_key_id: z.string(), secret_access_key: z.string(), creation_date: z.number().int() })
  .openapi('CredentialsWithSecret')

export const CommitListSchema = z
  .object({ pagination: PaginationSchema, results: z.array(CommitSchema) })
  .openapi('CommitList')

export const MergeSchema = z
  .object({
    message: z.string().optional(),
    metadata: StringMap.optional(),
    strategy: z.string().optional().openapi({ description: "'dest-wins' or 'source-wins'; none fails on a conflict" }),
    force: z.boolean().optional(),
    allow_empty: z.boolean().optional(),
    squash_merge: z.boolean().optional(),
  })
  .openapi('Merge')

export const MergeResultSchema = z.object({ reference: z.string() }).openapi('MergeResult')

export const FindMergeBaseResultSchema = z
  .object({ source_commit_id: z.string(), destination_commit_id: z.string(), base_commit_id: z.string() })
  .openapi('FindMergeBaseResult')

export const TagCreationSchema = z
  .object({ id: z.string(), ref: z.string(), force: z.boolean().optional() })
  .openapi('TagCreation')

export const ResetCreationSchema = z
  .object({ type: z.enum(['object', 'common_prefix', 'reset']), path: z.string().optional(), force: z.boolean().optional() })
  .openapi('ResetCreation')

export const CommitOverridesSchema = z
  .object({ message: z.string().optional(), metadata: StringMap.optional() })
  .openapi('CommitOverrides')

export const RevertCreationSchema = z
  .object({
    ref: z.string(),
    commit_overrides: CommitOverridesSchema.optional(),
    parent_number: z.number().int(),
    force: z.boolean().optional(),
    allow_empty: z.boolean().optional(),
  })
  .openapi('RevertCreation')

export const CherryPickCreationSchema = z
  .object({
    ref: z.string(),
    parent_number: z.number().int().optional(),
    commit_overrides: CommitOverridesSchema.optional(),
    force: z.boolean().optional(),
  })
  .openapi('CherryPickCreation')

export const GarbageCollectionRulesSchema = z
  .object({
    default_retention_days: z.number().int(),
    branches: z.array(z.object({ branch_id: z.string(), retention_days: z.number().int() }).openapi('GarbageCollectionRule')),
  })
  .openapi('GarbageCollectionRules')

export const BranchProtectionRuleSchema = z
  .object({ pattern: z.string().min(1).openapi({ example: 'stable_*' }) })
  .openapi('BranchProtectionRule')

export const PathListSchema = z.object({ paths: z.array(z.string()) }).openapi('PathList')

export const ObjectErrorSchema = z
  .object({ status_code: z.number().int(), message: z.string(), path: z.string().optional() })
  .openapi('ObjectError')

export const ObjectErrorListSchema = z.object({ errors: z.array(ObjectErrorSchema) }).openapi('ObjectErrorList')

export const ObjectCopyCreationSchema = z
  .object({
    src_path: z.string(),
    src_ref: z.string().optional(),
    force: z.boolean().optional(),
    shallow: z.boolean().optional(),
  })
  .openapi('ObjectCopyCreation')

export const ObjectUserMetadataSchema = StringMap.openapi('ObjectUserMetadata')

export const UpdateObjectUserMetadataSchema = z
  .object({ set: ObjectUserMetadataSchema })
  .openapi('UpdateObjectUserMetadata')

export const RepositoryMetadataSetSchema = z.object({ metadata: StringMap }).openapi('RepositoryMetadataSet')

export const RepositoryMetadataKeysSchema = z.object({ keys: z.array(z.string()) }).openapi('RepositoryMetadataKeys')

export const LoginInformationSchema = z
  .object({ access_key_id: z.string(), secret_access_key: z.string() })
  .openapi('LoginInformation')

export const AuthenticationTokenSchema = z
  .object({ token: z.string(), token_expiration: z.number().int().optional() })
  .openapi('AuthenticationToken')

export const UserSchema = z
  .object({
    id: z.string(),
    creation_date: z.number().int(),
    friendly_name: z.string().optional(),
    email: z.string().optional(),
  })
  .openapi('User')

export const CurrentUserSchema = z.object({ user: UserSchema }).openapi('CurrentUser')

export const UserListSchema = z.object({ pagination: PaginationSchema, results: z.array(UserSchema) }).openapi('UserList')

export const UserCreationSchema = z.object({ id: z.string(), invite_user: z.boolean().optional() }).openapi('UserCreation')

export const CredentialsSchema = z.object({ access_key_id: z.string(), creation_date: z.number().int() }).openapi('Credentials')

export const CredentialsListSchema = z
  .object({ pagination: PaginationSchema, results: z.array(CredentialsSchema) })
  .openapi('CredentialsList')

export const AuthCapabilitiesSchema = z
  .object({ invite_user: z.boolean().optional(), forgot_password: z.boolean().optional() })
  .openapi('AuthCapabilities')

export const GroupSchema = z
  .object({ id: z.string(), name: z.string().optional(), description: z.string().optional(), creation_date: z.number().int() })
  .openapi('Group')

export const GroupCreationSchema = z.object({ id: z.string(), description: z.string().optional() }).openapi('GroupCreation')

export const GroupListSchema = z.object({ pagination: PaginationSchema, results: z.array(GroupSchema) }).openapi('GroupList')

export const StatementSchema = z
  .object({
    effect: z.enum(['allow', 'deny']),
    resource: z.string(),
    action: z.array(z.string()).min(1),
    condition: z.record(z.string(), z.record(z.string(), z.array(z.string()))).optional(),
  })
  .openapi('Statement')

export const PolicySchema = z
  .object({ id: z.string(), creation_date: z.number().int().optional(), statement: z.array(StatementSchema).min(1) })
  .openapi('Policy')

export const PolicyListSchema = z.object({ pagination: PaginationSchema, results: z.array(PolicySchema) }).openapi('PolicyList')

export const ACLSchema = z.object({ permission: z.string() }).openapi('ACL')

export const ExternalPrincipalSchema = z
  .object({ id: z.string(), user_id: z.string(), settings: z.record(z.string(), z.unknown()).optional() })
  .openapi('ExternalPrincipal')

export const ExternalPrincipalListSchema = z
  .object({ pagination: PaginationSchema, results: z.array(ExternalPrincipalSchema) })
  .openapi('ExternalPrincipalList')

export const ExternalPrincipalCreationSchema = z
  .object({ settings: z.record(z.string(), z.unknown()).optional() })
  .openapi('ExternalPrincipalCreation')

export const ExternalLoginInformationSchema = z
  .object({ token_expiration_duration: z.number().int().optional(), identityRequest: z.record(z.string(), z.unknown()) })
  .openapi('ExternalLoginInformation')


export const StsAuthRequestSchema = z
  .object({ code: z.string(), state: z.string(), redirect_uri: z.string(), ttl_seconds: z.number().int().optional() })
  .openapi('StsAuthRequest')

export const PullRequestBasicSchema = z
  .object({ status: z.enum(['open', 'closed', 'merged']).optional(), title: z.string().optional(), description: z.string().optional() })
  .openapi('PullRequestBasic')

/** allOf, as lakeFS declares it: the basic fields (required here) and the rest. */
export const PullRequestSchema = z
  .intersection(
    z.object({ status: z.enum(['open', 'closed', 'merged']), title: z.string(), description: z.string() }),
    z.object({
    id: z.string(),
    creation_date: z.string().openapi({ format: 'date-time' }),
    author: z.string(),
    source_branch: z.string(),
    destination_branch: z.string(),
    merged_commit_id: z.string().optional(),
    closed_date: z.string().optional().openapi({ format: 'date-time' }),
    })
  )
  .openapi('PullRequest')

export const PullRequestsListSchema = z.object({ pagination: PaginationSchema, results: z.array(PullRequestSchema) }).openapi('PullRequestsList')

export const PullRequestCreationSchema = z
  .object({ title: z.string(), description: z.string().optional(), source_branch: z.string(), destination_branch: z.string() })
  .openapi('PullRequestCreation')

export const CommitRecordCreationSchema = z
  .object({
    commit_id: z.string(),
    version: z.number().int().min(0).max(1),
    committer: z.string(),
    message: z.string(),
    metarange_id: z.string(),
    creation_date: z.number().int(),
    parents: z.array(z.string()),
    metadata: StringMap.optional(),
    generation: z.number().int(),
    force: z.boolean().optional(),
  })
  .openapi('CommitRecordCreation')

export const StorageURISchema = z.object({ location: z.string() }).openapi('StorageURI')

export const UnderlyingObjectPropertiesSchema = z
  .object({ storage_class: z.string().nullable().optional() })
  .openapi('UnderlyingObjectProperties')

export const RefsDumpSchema = z
  .object({ commits_meta_range_id: z.string(), tags_meta_range_id: z.string(), branches_meta_range_id: z.string() })
  .openapi('RefsDump')

export const RefsRestoreSchema = z
  .object({ commits_meta_range_id: z.string(), tags_meta_range_id: z.string(), branches_meta_range_id: z.string(), force: z.boolean().optional() })
  .openapi('RefsRestore')

export const TaskInfoSchema = z.object({ id: z.string() }).openapi('TaskInfo')

export const RepositoryDumpStatusSchema = z
  .object({ id: z.string(), done: z.boolean(), update_time: z.string().openapi({ format: 'date-time' }), error: z.string().optional(), refs: RefsDumpSchema.optional() })
  .openapi('RepositoryDumpStatus')

export const RepositoryRestoreStatusSchema = z
  .object({ id: z.string(), done: z.boolean(), update_time: z.string().openapi({ format: 'date-time' }), error: z.string().optional() })
  .openapi('RepositoryRestoreStatus')

export const GarbageCollectionPrepareResponseSchema = z
  .object({ run_id: z.string(), gc_commits_location: z.string(), gc_addresses_location: z.string(), gc_commits_presigned_url: z.string().optional() })
  .openapi('GarbageCollectionPrepareResponse')

export const TaskCreationSchema = z.object({ id: z.string() }).openapi('TaskCreation')

export const PrepareGarbageCollectionCommitsStatusSchema = z
  .object({
    task_id: z.string(),
    completed: z.boolean(),
    update_time: z.string().openapi({ format: 'date-time' }),
    result: GarbageCollectionPrepareResponseSchema.optional(),
    error: ErrorSchema.optional(),
  })
  .openapi('PrepareGarbageCollectionCommitsStatus')

export const PrepareGCUncommittedRequestSchema = z.object({ continuation_token: z.string().optional() }).openapi('PrepareGCUncommittedRequest')

export const PrepareGCUncommittedResponseSchema = z
  .object({ run_id: z.string(), gc_uncommitted_location: z.string(), continuation_token: z.string().optional() })
  .openapi('PrepareGCUncommittedResponse')

// --- parameters and helpers ---

export const repositoryParam = z.string().openapi({ param: { name: 'repository', in: 'path' } })
export const branchParam = z.string().openapi({ param: { name: 'branch', in: 'path' } })
export const refParam = z.string().openapi({ param: { name: 'ref', in: 'path' } })
/** A path parameter of the given name. */
export const pathParam = (name: string) => z.string().openapi({ param: { name, in: 'path' } })

export const PaginationQuery = {
  prefix: z.string().optional().openapi({ param: { name: 'prefix', in: 'query' } }),
  after: z.string().optional().openapi({ param: { name: 'after', in: 'query' } }),
  amount: queryInteger('amount', { min: -1, max: 1000 }),
}

/** A JSON request body (required unless said otherwise). */
export const jsonBody = <T extends z.ZodType>(schema: T, required = true) => ({ content: { 'application/json': { schema } }, required })

export function jsonContent<T extends z.ZodType>(schema: T, description: string) {
  return { content: { 'application/json': { schema } }, description }
}

const errorDescriptions: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Resource Not Found',
  409: 'Resource Conflicts With Target',
  412: 'Precondition Failed',
  416: 'Requested Range Not Satisfiable',
  429: 'too many requests',
  501: 'Not Implemented',
}

type ErrorResponse = { description: string; content?: ReturnType<typeof jsonContent>['content'] }

/**
 * lakeFS's error responses for the given statuses, plus `default` (500). As in lakeFS's spec,
 * 429 has no body schema.
 */
export function errorResponses(...statuses: number[]): Record<string, ErrorResponse> {
  const out: Record<string, ErrorResponse> = {}
  for (const s of statuses) {
    out[s] = s === 429 ? { description: 'too many requests' } : jsonContent(ErrorSchema, errorDescriptions[s] ?? 'error')
  }
  out.default = jsonContent(ErrorSchema, 'Internal Server Error')
  return out
}

/** The schemes lakeFS accepts on an operation, in the order its middleware tries them (swagger.yml `security`). */
export const basicAuth: Record<string, string[]>[] = [{ jwt_token: [] }, { basic_auth: [] }, { cookie_auth: [] }]
