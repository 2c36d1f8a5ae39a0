/**
 * The lakeFS operationIds this release serves. Fault rules may name only these, so a typo is an
 * error at load time rather than a rule that silently never fires; a contract test keeps the list
 * equal to the served OpenAPI document.
 */
export const EMULATED_OPERATIONS = [
  'createBranch', 'createRepository', 'deleteBranch', 'deleteObject', 'deleteRepository', 'diffBranch', 'getBranch',
  'getCommit', 'getConfig', 'getLakeFSVersion', 'getObject', 'getRepository', 'getRepositoryMetadata', 'getSetupState',
  'getStorageConfig', 'headObject', 'healthCheck', 'importCancel', 'importStart', 'importStatus', 'listBranches',
  'listObjects', 'listRepositories', 'setup', 'statObject', 'uploadObject',
] as const

export type OperationId = (typeof EMULATED_OPERATIONS)[number]
