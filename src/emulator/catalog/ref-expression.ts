/**
 * lakeFS ref expressions (graveler ref/parse_ref.go and resolve_ref.go): a base (commit ID or
 * unique prefix, branch or tag) followed by modifiers: `~N` (N-th first-parent ancestor), `^N`
 * (N-th parent), `@` (a branch's committed state, no staging) and `$` (a branch's staging).
 */
import { errors } from '../errors.js'
import type { Branch, Repository } from './repository.js'

export type RefModifier =
  | { readonly type: 'tilde' | 'caret'; readonly value: number }
  | { readonly type: 'at' | 'dollar' }

export interface ParsedRef {
  readonly base: string
  readonly modifiers: readonly RefModifier[]
}

/** A resolved ref: the commit, and the branch when the ref names a branch's (staged) state. */
export interface ResolvedRef {
  readonly commitId: string
  readonly kind: 'branch' | 'tag' | 'commit'
  /** Set when reads through this ref see the branch's staged changes. */
  readonly branch?: Branch
  readonly branchName?: string
}

const HASH = /^[a-fA-F0-9]{1,64}$/

export function parseRef(ref: string): ParsedRef {
  const cut = ref.search(/[~^@$]/)
  const base = cut < 0 ? ref : ref.slice(0, cut)
  if (!base) throw errors.invalidRef()
  const modifiers: RefModifier[] = []
  let rest = cut < 0 ? '' : ref.slice(cut)
  while (rest) {
    const m = /^([~^])(\d*)|^([@$])/.exec(rest)
    if (!m) throw errors.invalidRef()
    if (m[3]) modifiers.push({ type: m[3] === '@' ? 'at' : 'dollar' })
    else modifiers.push({ type: m[1] === '~' ? 'tilde' : 'caret', value: m[2] ? Number(m[2]) : 1 })
    rest = rest.slice(m[0].length)
  }
  return { base, modifiers }
}

/**
 * Resolves `ref` in `repo`. A full commit ID wins over a branch or tag of the same name; a
 * branch or tag wins over a commit-ID prefix (resolve_ref.go revResolve).
 */
export function resolveRef(repo: Repository, ref: string): ResolvedRef {
  const { base, modifiers } = parseRef(ref)
  const resolved = resolveBase(repo, base)
  if (modifiers.length === 0) return resolved
  let commitId = resolved.commitId
  for (const mod of modifiers) {
    if (!('value' in mod)) {
      if (resolved.kind !== 'branch' || modifiers.length !== 1) throw errors.invalidRef()
      return mod.type === 'at' ? { commitId, kind: 'branch', branchName: resolved.branchName } : resolved
    }
    const commit = repo.commits.get(commitId)
    if (!commit) throw errors.refNotFound()
    const steps = mod.value
    if (mod.type === 'tilde') {
      for (let i = 0; i < steps; i++) {
        const c = repo.commits.get(commitId)
        const parent = c?.parents[0]
        if (!parent) throw errors.refNotFound()
        commitId = parent
      }
    } else if (steps > 0) {
      const parent = commit.parents[steps - 1]
      if (!parent) throw errors.invalidRef()
      commitId = parent
    }
  }
  return { commitId, kind: 'commit', branchName: resolved.branchName }
}

function resolveBase(repo: Repository, base: string): ResolvedRef {
  const byHash = HASH.test(base) ? commitByPrefix(repo, base.toLowerCase()) : undefined
  if (byHash && byHash === base) return { commitId: byHash, kind: 'commit' }
  const branch = repo.branches.get(base)
  if (branch) return { commitId: branch.head, kind: 'branch', branch, branchName: base }
  const tag = repo.tags.get(base)
  if (tag) return { commitId: tag, kind: 'tag' }
  if (byHash) return { commitId: byHash, kind: 'commit' }
  throw errors.refNotFound()
}

/** The one commit whose ID starts with `prefix`; none when absent or ambiguous. */
function commitByPrefix(repo: Repository, prefix: string): string | undefined {
  if (prefix.length === 64) return repo.commits.has(prefix) ? prefix : undefined
  let found: string | undefined
  for (const id of repo.commits.keys()) {
    if (!id.startsWith(prefix)) continue
    if (found) return undefined
    found = id
  }
  return found
}

/** fnmatch as lakeFS's branch protection uses it: `*` and `?` wildcards, the rest literal. */
export function matchesPattern(pattern: string, name: string): boolean {
  const re = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')
  return new RegExp(`^${re}$`, 's').test(name)
}
