/** Commits and their content-addressed IDs (graveler.go Commit.Identity). */
import { IdentWriter } from './ident.js'

export interface Commit {
  readonly id: string
  readonly parents: readonly string[]
  readonly committer: string
  readonly message: string
  /** Unix seconds, as lakeFS stores and serves it. */
  readonly creationDate: number
  /** `""` for the first commit of a repository (an empty tree). */
  readonly metaRangeId: string
  readonly metadata: Readonly<Record<string, string>>
  readonly generation: number
  readonly version: number
}

export type CommitFields = Omit<Commit, 'id'>

export function createCommit(fields: CommitFields): Commit {
  const parents = new IdentWriter().stringSlice(fields.parents).digest()
  const id = new IdentWriter()
    .string('commit:v1')
    .string(fields.committer)
    .string(fields.message)
    .string(fields.metaRangeId)
    .int64(fields.creationDate)
    .stringMap(fields.metadata)
    .embedded(parents)
    .hex()
  return { id, ...fields }
}
