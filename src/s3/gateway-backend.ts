/**
 * lakeFS's S3 gateway over the catalog (pkg/gateway/operations): buckets are repositories, keys are
 * `<ref>/<path>`. Reads resolve any ref (branch with its staging, tag, commit, expression); writes
 * and deletes are staged on a branch; listing a bucket without a ref lists branches. Errors are the
 * gateway's, quirks included (see each method).
 */
import type { Emulator } from '../emulator/emulator.js'
import { EmulatorError, ForbiddenError, PreconditionFailedError } from '../emulator/errors.js'
import type { Entry } from '../emulator/graveler/entry.js'
import type { ListItem, ListPage, ListRequest, PutInput, S3Backend, S3ObjectInfo } from './s3-backend.js'
import { S3Error, s3Errors } from './s3-errors.js'

interface GatewayObject extends S3ObjectInfo {
  readonly repository: string
  readonly entry: Entry
}

/** `<ref>/<path>` of a key (gateway/path ResolvePath); `withPath` false when there is no `/`. */
export function splitRef(key: string): { ref: string; path: string; withPath: boolean } {
  const slash = key.indexOf('/')
  return slash < 0 ? { ref: key, path: '', withPath: false } : { ref: key.slice(0, slash), path: key.slice(slash + 1), withPath: true }
}

/** Go's textproto.CanonicalMIMEHeaderKey: `x-amz-meta-foo-bar` → `X-Amz-Meta-Foo-Bar`. */
export const canonicalHeader = (name: string): string => name.replace(/(^|-)([a-z])/g, (_, dash: string, c: string) => dash + c.toUpperCase())

export class GatewayBackend implements S3Backend {
  constructor(private readonly emulator: Emulator) {}

  listBuckets() {
    const out: { name: string; creationDate: number }[] = []
    for (let after = '', more = true; more; ) {
      const page = this.emulator.refs.listRepositories({ after, amount: 1000 })
      out.push(...page.results.map((r) => ({ name: r.name, creationDate: r.settings.creationDate })))
      more = page.hasMore
      after = page.nextOffset
    }
    return out
  }

  /** putbucket.go: lakeFS cannot create a repository from S3; an existing one is BucketAlreadyExists. */
  createBucket(bucket: string): void {
    this.headBucket(bucket)
    throw s3Errors.bucketAlreadyExists({ BucketName: bucket })
  }

  headBucket(bucket: string): void {
    if (!this.emulator.world.repositories.has(bucket)) throw s3Errors.noSuchBucket({ BucketName: bucket })
  }

  /** DELETE on a repository is OperationIDUnsupportedOperation. */
  deleteBucket(): void {
    throw s3Errors.lakeFSNotSupported()
  }

  /** listobjects.go: branches when the prefix names no ref yet, else the ref's entries (staging included). */
  list(bucket: string, req: ListRequest): ListPage {
    const prefix = splitRef(req.prefix)
    if (!prefix.withPath) {
      const page = this.emulator.refs.listBranches(bucket, { prefix: prefix.ref, after: req.after, amount: req.maxKeys })
      return { items: page.results.map((b) => ({ kind: 'prefix', prefix: `${b.name}/` })), truncated: page.hasMore }
    }
    const after = req.after ? splitRef(req.after) : undefined
    if (after && (!after.withPath || after.ref.toLowerCase() !== prefix.ref.toLowerCase())) throw s3Errors.badRequest()
    try {
      const page = this.emulator.objects.list(bucket, prefix.ref, { prefix: prefix.path, after: after?.path, delimiter: req.delimiter || undefined, amount: req.maxKeys })
      const items = page.results.map((item): ListItem => {
        const key = `${prefix.ref}/${item.path}`
        return item.kind === 'prefix' ? { kind: 'prefix', prefix: key } : { kind: 'object', object: describe(bucket, key, item.entry) }
      })
      return { items, truncated: page.hasMore }
    } catch (err) {
      // A ref that does not resolve lists nothing (graveler.ErrNotFound is logged, not answered).
      if (err instanceof EmulatorError && err.kind === 'not_found') return { items: [], truncated: false }
      throw err
    }
  }

  stat(bucket: string, key: string): GatewayObject {
    const { ref, path } = splitRef(key)
    try {
      return describe(bucket, key, this.emulator.objects.stat(bucket, ref, path).entry)
    } catch (err) {
      if (err instanceof EmulatorError && err.kind === 'not_found') throw s3Errors.noSuchKey({ Key: key })
      throw err
    }
  }

  read(bucket: string, object: S3ObjectInfo, start: number, end: number): Uint8Array {
    const { entry } = object as GatewayObject
    const repo = this.emulator.refs.getRepository(bucket)
    return end <= start ? new Uint8Array() : this.emulator.objects.read(repo, entry, { start, end: end - 1 }).bytes
  }

  /** putobject.go handlePut; a multipart upload's entry keeps its ETag without `-<parts>` (postobject.go). */
  put(bucket: string, key: string, input: PutInput): S3ObjectInfo {
    const { ref, path } = splitRef(key)
    this.#branchExists(bucket, ref)
    const metadata = Object.fromEntries(Object.entries(input.metadata).map(([name, value]) => [canonicalHeader(name), value]))
    const checksum = input.etag?.split('-')[0]
    const { entry } = gatewayErrors(() =>
      this.emulator.objects.upload(bucket, ref, path, { bytes: input.bytes, contentType: input.contentType, metadata, ifNoneMatch: input.ifNoneMatch, checksum })
    )
    return describe(bucket, key, entry)
  }

  /** handleCopy: CopyEntry from `<repo>/<ref>/<path>`; any failure is InvalidRequest, and the metadata directive is not read. */
  copy(source: { bucket: string; key: string }, bucket: string, key: string): S3ObjectInfo {
    const dest = splitRef(key)
    this.#branchExists(bucket, dest.ref)
    const src = splitRef(source.key)
    if (!src.withPath || !src.path) throw s3Errors.invalidCopySource()
    try {
      if (source.bucket === bucket) return describe(bucket, key, this.emulator.objects.copy(bucket, dest.ref, dest.path, { path: src.path, ref: src.ref }).entry)
      const from = this.stat(source.bucket, source.key)
      const bytes = this.read(source.bucket, from, 0, from.size)
      const copied = this.emulator.objects.upload(bucket, dest.ref, dest.path, { bytes, contentType: from.entry.contentType, metadata: from.entry.metadata, checksum: from.entry.checksum })
      return describe(bucket, key, copied.entry)
    } catch (err) {
      throw s3Errors.invalidCopyDest({ Detail: err instanceof Error ? err.message : String(err) })
    }
  }

  /** deleteobject.go: a path that is not there (or a ref that is not a branch) is deleted already, 204. */
  delete(bucket: string, key: string): void {
    const { ref, path } = splitRef(key)
    try {
      gatewayErrors(() => this.emulator.objects.delete(bucket, ref, path))
    } catch (err) {
      if (err instanceof EmulatorError && err.kind === 'not_found') return
      if (err instanceof S3Error && err.code === 'ErrWriteToProtectedBranch') throw err
      // Anything else (a read-only repository included) is InternalError in DeleteObject.
      throw s3Errors.internalError()
    }
  }

  checkWritable(bucket: string, key: string): void {
    if (this.emulator.refs.getRepository(bucket).settings.readOnly) throw s3Errors.readOnlyRepository()
    this.#branchExists(bucket, splitRef(key).ref)
  }

  /** PutObject and CreateMultipartUpload check the branch first: NoSuchBucket when it is not one. */
  #branchExists(bucket: string, ref: string): void {
    const repo = this.emulator.refs.getRepository(bucket)
    if (!repo.branches.has(ref)) throw s3Errors.noSuchBucket({ BucketName: bucket })
  }
}

/** The catalog's write errors as the gateway names them. */
function gatewayErrors<T>(write: () => T): T {
  try {
    return write()
  } catch (err) {
    if (err instanceof ForbiddenError) throw err.message.includes('read-only') ? s3Errors.readOnlyRepository() : s3Errors.writeToProtectedBranch()
    if (err instanceof PreconditionFailedError) throw s3Errors.preconditionFailed({ Condition: 'If-None-Match' })
    throw err
  }
}

function describe(repository: string, key: string, entry: Entry): GatewayObject {
  const metadata: Record<string, string> = {}
  // amzMetaWriteHeaders: user metadata goes back as X-Amz-Meta-* headers.
  for (const [name, value] of Object.entries(entry.metadata)) metadata[/^x-amz-meta-/i.test(name) ? name.toLowerCase() : `x-amz-meta-${name.toLowerCase()}`] = value
  return { key, size: entry.size, etag: entry.checksum, lastModified: entry.mtimeMs, contentType: entry.contentType, metadata, repository, entry }
}
