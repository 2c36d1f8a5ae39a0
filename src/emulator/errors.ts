/** The core's errors. Each has a `kind`; the HTTP edge maps kinds to statuses in one table. */

export type ErrorKind =
  | 'not_found'
  | 'invalid'
  | 'unauthorized'
  | 'conflict'
  | 'forbidden'
  | 'precondition'
  | 'range_not_satisfiable'
  | 'not_implemented'
  | 'internal'

/** Base class: `message` is what a lakeFS client sees, copied from lakeFS's wording. */
export abstract class EmulatorError extends Error {
  abstract readonly kind: ErrorKind
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
  authentication: () => new UnauthorizedError('error authenticating request'),
}
