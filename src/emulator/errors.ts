/** The core's errors. Each has a `kind`; the HTTP edge maps kinds to statuses in one table. */

export type ErrorKind =
  | 'not_found'
  | 'invalid'
  | 'unauthorized'
  | 'conflict'
  | 'forbidden'
  | 'precondition'
  | 'range_not_satisfiable'
  | 'gone'
  | 'not_implemented'
  | 'internal'

/** Base class: `message` is what a lakeFS client sees, copied from lakeFS's wording. */
export abstract class EmulatorError extends Error {
  abstract readonly kind: ErrorKind
}

/** The same error with lakeFS's wrapping prefix (Go's `fmt.Errorf("prefix: %w", err)`). */
export function wrapError(err: unknown, prefix: string): unknown {
  if (!(err instanceof EmulatorError) || err instanceof RangeNotSatisfiableError) return err
  const Kind = err.constructor as new (message: string) => EmulatorError
  return new Kind(`${prefix}: ${err.message}`)
}

export class NotFoundError extends EmulatorError {
  readonly kind = 'not_found'
  override name = 'NotFoundError'
}
export class ValidationError extends EmulatorError {
  readonly kind = 'invalid'
  override name = 'ValidationError'
}
export class UnauthorizedError extends EmulatorError {
  readonly kind = 'unauthorized'
  override name = 'UnauthorizedError'
}
export class ConflictError extends EmulatorError {
  readonly kind = 'conflict'
  override name = 'ConflictError'
}
export class ForbiddenError extends EmulatorError {
  readonly kind = 'forbidden'
  override name = 'ForbiddenError'
}
export class PreconditionFailedError extends EmulatorError {
  readonly kind = 'precondition'
  override name = 'PreconditionFailedError'
}
export class RangeNotSatisfiableError extends EmulatorError {
  readonly kind = 'range_not_satisfiable'
  override name = 'RangeNotSatisfiableError'
  constructor(readonly size: number) {
    super('Requested Range Not Satisfiable')
  }
}
/** block.ErrDataNotFound through handleAPIError: the object store has no data at an address (410 "No data"). */
export class GoneError extends EmulatorError {
  readonly kind = 'gone'
  override name = 'GoneError'
}
/** What lakeFS answers 500 for that is not a bug: its object store failed it (a blob that is gone). */
export class StoreError extends EmulatorError {
  readonly kind = 'internal'
  override name = 'StoreError'
}
export class NotImplementedError extends EmulatorError {
  readonly kind = 'not_implemented'
  override name = 'NotImplementedError'
}

/** lakeFS's own error texts (graveler/errors.go, catalog, controller), in one place. */
export const errors = {
  repositoryNotFound: () => new NotFoundError('repository not found'),
  branchNotFound: () => new NotFoundError('branch not found'),
  commitNotFound: () => new NotFoundError('commit not found'),
  refNotFound: () => new NotFoundError('not found'),
  importNotFound: () => new NotFoundError('not found'),
  repositoryExists: () => new ConflictError('repository already exists: not unique'),
  branchExists: () => new ConflictError('branch already exists: not unique'),
  conflictFound: () => new ConflictError('conflict found'),
  dirtyBranch: () => new ValidationError('uncommitted changes (dirty branch)'),
  noChanges: () => new ValidationError('commit: no changes'),
  noMergeChanges: () => new ValidationError('no changes'),
  invalidRef: () => new ValidationError('ref: invalid value: validation error'),
  tagNotFound: () => new NotFoundError('tag not found'),
  tagExists: () => new ConflictError('tag already exists: not unique'),
  invalidTagId: () => new ValidationError('tag id: invalid value: validation error'),
  commitToProtectedBranch: () => new ForbiddenError('cannot commit to protected branch'),
  writeToProtectedBranch: () => new ForbiddenError('cannot write to protected branch'),
  invalidMergeStrategy: () => new ValidationError('invalid strategy: invalid value: validation error'),
  noMergeBase: () => new ValidationError('no merge base'),
  revertMergeNoParent: () =>
    new ValidationError('must specify 1-based parent number for reverting merge commit'),
  cherryPickMergeNoParent: () =>
    new ValidationError('must specify 1-based parent number for cherry-picking merge commit'),
  parentOutOfRange: (n: number) => new ValidationError(`parent ${n}: parent number out of range: invalid value: validation error`),
  tooManyPaths: (n: number, max: number) =>
    new ValidationError(`keys length (${n}) passed the maximum allowed(${max}): invalid value: validation error`),
  readOnlyRepository: () => new ForbiddenError('read-only repository'),
  preconditionFailed: () => new PreconditionFailedError('Precondition failed'),
  deleteDefaultBranch: () => new ValidationError('cannot delete repository default branch'),
  importNotSupported: () => new ForbiddenError('import is not supported for this storage'),
  importPathInNamespace: (path: string, ns: string) =>
    new ValidationError(
      `import path (${path}) in repository namespace (${ns}) is prohibited: invalid import source`
    ),
  importPrefixContainsNamespace: (path: string, ns: string) =>
    new ValidationError(
      `prefix (${path}) contains repository namespace: (${ns}), invalid import source`
    ),
  objectExists: () => new PreconditionFailedError('Precondition failed'),
  /** graveler ErrLinkAddressNotFound / ErrLinkAddressExpired, as controller.go handleAPIError words them. */
  badAddressToken: () => new ValidationError('bad address token (expired or invalid)'),
  checksumRequired: () => new ValidationError('checksum is required'),
  authentication: () => new UnauthorizedError('error authenticating request'),
  /** A 400 in the controller's own words (writeError with a literal message). */
  invalid: (message: string) => new ValidationError(message),
  /** ErrNotImplemented through handleAPIError: http.StatusText(501). */
  notImplemented: () => new NotImplementedError('Not Implemented'),
  // The storage a repository names must be one lakeFS is configured with; the emulator has one, "".
  invalidStorageId: (id: string) => new ValidationError(`storage id ${JSON.stringify(id)}: invalid value`),
}
