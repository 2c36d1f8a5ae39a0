/**
 * The lakeFS operationIds this release serves. Fault rules may name only these, so a typo is an
 * error at load time rather than a rule that silently never fires; a contract test keeps the list
 * equal to the served OpenAPI document.
 */
export const EMULATED_OPERATIONS = [
  'cherryPick', 'commit', 'copyObject', 'createBranch', 'createRepository', 'createTag', 'deleteBranch',
  'deleteObject', 'deleteObjects', 'deleteRepository', 'deleteRepositoryMetadata', 'deleteTag', 'diffBranch',
  'diffRefs', 'findMergeBase', 'getBranch', 'getBranchProtectionRules', 'getCommit', 'getConfig', 'getCurrentUser',
  'getLakeFSVersion', 'getObject', 'getRepository', 'getRepositoryMetadata', 'getSetupState', 'getStorageConfig',
  'getTag', 'hardResetBranch', 'headObject', 'healthCheck', 'importCancel', 'importStart', 'importStatus',
  'listBranches', 'listObjects', 'listRepositories', 'listTags', 'logCommits', 'login', 'mergeIntoBranch',
  'resetBranch', 'revertBranch', 'setBranchProtectionRules', 'setRepositoryMetadata', 'setup', 'statObject',
  'updateObjectUserMetadata', 'uploadObject',
] as const

export type OperationId = (typeof EMULATED_OPERATIONS)[number]
