/**
 * Walking the commit graph: the log (graveler ref/commit_iterator.go) and the merge base
 * (ref/merge_base_finder.go, git-merge-base's "best common ancestor").
 */
import type { Commit } from './commit.js'
import { errors } from '../errors.js'

/** Where commits are found by ID: a repository's commit table. */
export interface CommitLookup {
  readonly commits: ReadonlyMap<string, Commit>
}

/** Newer generations first; ties by creation date (newest first), then ID, so the order is stable. */
function before(a: Commit, b: Commit): boolean {
  if (a.generation !== b.generation) return a.generation > b.generation
  if (a.creationDate !== b.creationDate) return a.creationDate > b.creationDate
  return a.id < b.id
}

/** A small binary heap of commits, highest priority at the top. */
class CommitQueue {
  readonly #items: Commit[] = []
  get size(): number {
    return this.#items.length
  }
  push(c: Commit): void {
    const a = this.#items
    a.push(c)
    for (let i = a.length - 1; i > 0; ) {
      const p = (i - 1) >> 1
      if (!before(a[i]!, a[p]!)) break
      ;[a[i], a[p]] = [a[p]!, a[i]!]
      i = p
    }
  }
  pop(): Commit | undefined {
    const a = this.#items
    const top = a[0]
    const last = a.pop()
    if (a.length && last) {
      a[0] = last
      for (let i = 0; ; ) {
        const l = 2 * i + 1
        const r = l + 1
        let m = i
        if (l < a.length && before(a[l]!, a[m]!)) m = l
        if (r < a.length && before(a[r]!, a[m]!)) m = r
        if (m === i) break
        ;[a[i], a[m]] = [a[m]!, a[i]!]
        i = m
      }
    }
    return top
  }
}

export function commitOf(repo: CommitLookup, id: string): Commit {
  const commit = repo.commits.get(id)
  if (!commit) throw errors.commitNotFound()
  return commit
}

/** Every commit reachable from `start`, newest generation first; `firstParent` follows parents[0] only. */
export function* walkLog(repo: CommitLookup, start: string, firstParent = false): Generator<Commit> {
  const queue = new CommitQueue()
  const seen = new Set<string>([start])
  queue.push(commitOf(repo, start))
  for (let c = queue.pop(); c; c = queue.pop()) {
    yield c
    const parents = firstParent ? c.parents.slice(0, 1) : c.parents
    for (const p of parents) {
      if (seen.has(p)) continue
      seen.add(p)
      queue.push(commitOf(repo, p))
    }
  }
}

/** The best common ancestor of two commits, or undefined when they share none. */
export function findMergeBase(repo: CommitLookup, leftId: string, rightId: string): Commit | undefined {
  const left = commitOf(repo, leftId)
  if (leftId === rightId) return left
  const FROM_LEFT = 1
  const FROM_RIGHT = 2
  const reached = new Map<string, number>([
    [leftId, FROM_LEFT],
    [rightId, FROM_RIGHT],
  ])
  const queue = new CommitQueue()
  queue.push(left)
  queue.push(commitOf(repo, rightId))
  for (let c = queue.pop(); c; c = queue.pop()) {
    const flags = reached.get(c.id) ?? 0
    for (const p of c.parents) {
      if (!reached.has(p)) queue.push(commitOf(repo, p))
      const marks = (reached.get(p) ?? 0) | flags
      reached.set(p, marks)
      if (marks === (FROM_LEFT | FROM_RIGHT)) return commitOf(repo, p)
    }
  }
  return undefined
}
