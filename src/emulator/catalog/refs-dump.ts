/**
 * Refs dump and restore (controller.go DumpRefs, RestoreRefs and the dump/restore tasks;
 * graveler.go Dump*, Load*): a repository's commits, branches and tags written as metaranges in its
 * storage namespace, each record keyed by the ref's ID and valued with CommitData, BranchData or
 * TagData, and read back into a bare repository, every ID checked. The trees the commits name are
 * written beside them, so a restore anywhere the namespace is readable reproduces the repository.
 */
import { createHash } from 'node:crypto'
import { createCommit } from '../graveler/commit.js'
import { ProtoWriter } from '../graveler/entry.js'
import { asInt, asString, readFields, type Field } from '../graveler/protobuf.js'
import { METARANGES_TRAILER, metaRangeRecords, RANGES_TRAILER, readRecordFile, rangesOf, recordFileBytes, type RecordValue } from '../graveler/record-file.js'
import { errors, NotFoundError, ValidationError } from '../errors.js'
import { compareBytewise } from '../../util/byte-order.js'
import type { MetadataFiles } from './metadata-files.js'
import { Branch, namespaceUri, type Repository } from './repository.js'
import type { World } from './world.js'

export interface RefsDump {
  readonly commits: string
  readonly branches: string
  readonly tags: string
}

export class RefsDumpService {
  constructor(
    private readonly world: World,
    private readonly metadata: MetadataFiles
  ) {}

  /** Writes the three metaranges (and the trees the commits name); `manifest` also writes _lakefs/refs_manifest.json. */
  dump(repoName: string, manifest: boolean): RefsDump {
    const repo = this.world.repository(repoName)
    const commits = [...repo.commits.values()].sort((a, b) => compareBytewise(a.id, b.id))
    const dump = {
      commits: this.#write(repo, commits.map((c) => [c.id, { identity: Buffer.from(c.id), data: commitData(c) }] as const)),
      branches: this.#write(repo, [...repo.branches.values()].sort((a, b) => compareBytewise(a.name, b.name)).map((b) => [b.name, refValue(b.name, b.head)] as const)),
      tags: this.#write(repo, [...repo.tags].sort(([a], [b]) => compareBytewise(a, b)).map(([id, commit]) => [id, refValue(id, commit)] as const)),
    }
    for (const c of commits) {
      if (!c.metaRangeId) continue
      this.metadata.address(repoName, 'meta_range', c.metaRangeId)
      for (const r of this.world.ranges.metaRange(c.metaRangeId).ranges) this.metadata.address(repoName, 'range', r.id)
    }
    if (manifest) {
      const json = JSON.stringify({ branches_meta_range_id: dump.branches, commits_meta_range_id: dump.commits, tags_meta_range_id: dump.tags }, null, 2)
      this.world.store.put(namespaceUri(repo, 'refs_manifest.json'), Buffer.from(json), this.world.clock.now())
    }
    return dump
  }

  /** A metarange of one range holding the records (none when there are none), both written to the namespace. */
  #write(repo: Repository, records: readonly (readonly [string, RecordValue])[]): string {
    const now = this.world.clock.now()
    const ranges = []
    if (records.length > 0) {
      const bytes = recordFileBytes(records, RANGES_TRAILER)
      const id = sha256(bytes)
      this.world.store.put(namespaceUri(repo, id), bytes, now)
      ranges.push({ id, minKey: records[0]![0], maxKey: records[records.length - 1]![0], count: records.length, estimatedSize: bytes.length })
    }
    const bytes = recordFileBytes(metaRangeRecords(ranges), METARANGES_TRAILER)
    const id = sha256(bytes)
    this.world.store.put(namespaceUri(repo, id), bytes, now)
    return id
  }

  /** catalog RestoreRepositorySubmit's check: only a bare repository (no default branch to log) takes a restore. */
  checkBare(repoName: string): Repository {
    const repo = this.world.repository(repoName)
    if (repo.branches.has(repo.settings.defaultBranch)) throw new ValidationError('can only restore into a bare repository')
    return repo
  }

  /** graveler.go LoadCommits, LoadBranches, LoadTags, in that order; a read-only repository only when forced. */
  restore(repoName: string, dump: RefsDump, force = false): void {
    const repo = this.checkBare(repoName)
    if (repo.settings.readOnly && !force) throw errors.readOnlyRepository()
    for (const [, v] of this.#read(repo, dump.commits)) this.#loadCommit(repo, readFields(v.data))
    for (const [, v] of this.#read(repo, dump.branches)) {
      const f = readFields(v.data)
      const name = asString(field(f, 1))
      repo.branches.set(name, new Branch(name, asString(field(f, 2))))
    }
    for (const [, v] of this.#read(repo, dump.tags)) {
      const f = readFields(v.data)
      repo.tags.set(asString(field(f, 1)), asString(field(f, 2)))
    }
  }

  #loadCommit(repo: Repository, f: Field[]): void {
    const generation = asInt(field(f, 9), 32)
    if (generation === 0) throw new ValidationError('dumps created by lakeFS versions before v0.61.0 are no longer supported: no commit generation')
    const ts = field(f, 4)
    const metadata: Record<string, string> = {}
    for (const e of f.filter((x) => x.field === 6)) {
      const kv = readFields(e.value as Uint8Array)
      metadata[asString(field(kv, 1))] = asString(field(kv, 2))
    }
    const commit = createCommit({
      parents: f.filter((x) => x.field === 7).map((x) => asString(x.value)),
      committer: asString(field(f, 2)),
      message: asString(field(f, 3)),
      creationDate: ts instanceof Uint8Array ? asInt(field(readFields(ts), 1)) : 0,
      metaRangeId: asString(field(f, 5)),
      metadata,
      generation,
      version: asInt(field(f, 8), 32),
    })
    const id = asString(field(f, 1))
    if (commit.id !== id) throw new ValidationError(`commit ID does not match for ${commit.id}: commit id: invalid value: validation error`)
    if (commit.metaRangeId) this.#loadTree(repo, commit.metaRangeId)
    repo.addCommit(commit)
  }

  /** A commit's tree, from the namespace's files when the emulator does not hold it already. */
  #loadTree(repo: Repository, metaRangeId: string): void {
    const { ranges } = this.world
    if (ranges.hasMetaRange(metaRangeId)) return
    const file = this.#file(repo, metaRangeId)
    for (const r of ranges.loadMetaRange(metaRangeId, file).ranges) if (!ranges.hasRange(r.id)) ranges.loadRange(r.id, this.#file(repo, r.id))
  }

  #read(repo: Repository, metaRangeId: string): [string, RecordValue][] {
    const out: [string, RecordValue][] = []
    for (const r of rangesOf(readRecordFile(this.#file(repo, metaRangeId), metaRangeId, METARANGES_TRAILER))) {
      out.push(...readRecordFile(this.#file(repo, r.id), r.id, RANGES_TRAILER))
    }
    return out
  }

  #file(repo: Repository, id: string): Uint8Array {
    const uri = namespaceUri(repo, id)
    if (!/^[0-9a-f]{64}$/.test(id) || !this.world.store.stat(uri)) throw new NotFoundError(`${id}: not found`)
    return this.world.store.read(uri)
  }
}

/** CommitData (graveler.proto), fields in number order as proto.Marshal writes them. */
function commitData(c: { id: string; committer: string; message: string; creationDate: number; metaRangeId: string; metadata: Readonly<Record<string, string>>; parents: readonly string[]; version: number; generation: number }): Uint8Array {
  const w = new ProtoWriter()
  w.stringField(1, c.id)
  w.stringField(2, c.committer)
  w.stringField(3, c.message)
  const ts = new ProtoWriter()
  if (c.creationDate) ts.intField(1, c.creationDate)
  w.messageField(4, ts.finish())
  w.stringField(5, c.metaRangeId)
  for (const k of Object.keys(c.metadata).sort(compareBytewise)) {
    const e = new ProtoWriter()
    e.messageField(1, Buffer.from(k))
    e.messageField(2, Buffer.from(c.metadata[k] ?? ''))
    w.messageField(6, e.finish())
  }
  for (const p of c.parents) w.messageField(7, Buffer.from(p))
  if (c.version) w.intField(8, c.version)
  if (c.generation) w.intField(9, c.generation)
  return w.finish()
}

/** BranchData and TagData: the ref's ID and its commit; the record's identity is the commit ID. */
function refValue(id: string, commitId: string): RecordValue {
  const w = new ProtoWriter()
  w.stringField(1, id)
  w.stringField(2, commitId)
  return { identity: Buffer.from(commitId), data: w.finish() }
}

const field = (fields: readonly Field[], n: number) => fields.find((f) => f.field === n)?.value
const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex')
