/**
 * Garbage collection rules as lakeFS keeps them: a graveler.GarbageCollectionRules protobuf in the
 * repository's storage namespace, at `_lakefs/retention/gc/rules/config.json`
 * (pkg/graveler/retention/garbage_collection_manager.go GetRules, SaveRules). Deleting them writes an
 * empty file, which reads as no rules.
 */
import { errors, NotFoundError } from '../errors.js'
import { ProtoWriter } from '../graveler/entry.js'
import { asInt, asString, readFields } from '../graveler/protobuf.js'
import { namespaceUri, type Repository } from './repository.js'
import type { World } from './world.js'

export interface GcRules {
  readonly defaultRetentionDays: number
  readonly branches: readonly { readonly branchId: string; readonly retentionDays: number }[]
}

export class GcRulesService {
  constructor(private readonly world: World) {}

  /** catalog GetGarbageCollectionRules: graveler's "not found" when none were set. */
  get(repoName: string): GcRules {
    const rules = this.read(this.world.repository(repoName))
    if (!rules) throw new NotFoundError('not found')
    return rules
  }

  /** The rules, or undefined when there are none (no file, or an empty one). */
  read(repo: Repository): GcRules | undefined {
    const uri = namespaceUri(repo, 'retention/gc/rules/config.json')
    const stored = this.world.store.stat(uri)
    if (!stored || stored.size === 0) return undefined
    return decodeRules(this.world.store.read(uri))
  }

  /** catalog SetGarbageCollectionRules: refused on a read-only repository; `undefined` deletes them. */
  set(repoName: string, rules: GcRules | undefined): void {
    const repo = this.world.repository(repoName)
    if (repo.settings.readOnly) throw errors.readOnlyRepository()
    this.world.store.put(namespaceUri(repo, 'retention/gc/rules/config.json'), rules ? encodeRules(rules) : new Uint8Array(), this.world.clock.now())
  }
}

/** message GarbageCollectionRules { int32 default_retention_days = 1; map<string, int32> branch_retention_days = 2; } */
export function encodeRules(rules: GcRules): Uint8Array {
  const w = new ProtoWriter()
  // proto3 leaves out a zero default.
  if (rules.defaultRetentionDays !== 0) w.intField(1, rules.defaultRetentionDays)
  // A map is a repeated entry message (key = 1, value = 2), both always written; the last value of a key wins, as in Go's map.
  const byBranch = new Map(rules.branches.map((b) => [b.branchId, b.retentionDays]))
  for (const [branch, days] of [...byBranch].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const entry = new ProtoWriter()
    entry.messageField(1, Buffer.from(branch, 'utf8'))
    entry.intField(2, days)
    w.messageField(2, entry.finish())
  }
  return w.finish()
}

export function decodeRules(bytes: Uint8Array): GcRules {
  let defaultRetentionDays = 0
  const branches = new Map<string, number>()
  for (const f of readFields(bytes)) {
    if (f.field === 1) defaultRetentionDays = asInt(f.value, 32)
    if (f.field === 2 && f.value instanceof Uint8Array) {
      const entry = readFields(f.value)
      branches.set(asString(entry.find((e) => e.field === 1)?.value), asInt(entry.find((e) => e.field === 2)?.value, 32))
    }
  }
  return { defaultRetentionDays, branches: [...branches].map(([branchId, retentionDays]) => ({ branchId, retentionDays })) }
}
