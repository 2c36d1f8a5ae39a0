/**
 * The state no race may break, checked over the whole world: every branch head is a commit of
 * its repository, every commit's parents are too, every metarange a commit names exists with its
 * ranges in order and its keys strictly ascending (so unique) within and across ranges, and
 * every committed or staged entry can be read from its address.
 */
import type { Emulator } from '../../src/emulator/emulator.js'
import type { Entry } from '../../src/emulator/graveler/entry.js'
import { compareBytewise } from '../../src/util/byte-order.js'

export function worldProblems(emulator: Emulator): string[] {
  const problems: string[] = []
  const inspect = emulator.inspect
  for (const repo of inspect.repositories()) {
    const name = repo.name
    for (const [branchName, branch] of repo.branches) {
      if (!repo.commits.has(branch.head)) problems.push(`${name}/${branchName}: head ${branch.head} is not a commit`)
      for (const [key, entry] of branch.staging) {
        if (entry && !readable(emulator, name, entry)) problems.push(`${name}/${branchName}: staged ${key} unreadable at ${entry.address}`)
      }
    }
    for (const commit of repo.commits.values()) {
      for (const parent of commit.parents) if (!repo.commits.has(parent)) problems.push(`${name}@${commit.id}: parent ${parent} missing`)
      if (!commit.metaRangeId) continue
      let mr
      try {
        mr = inspect.metaRange(commit.metaRangeId)
      } catch {
        problems.push(`${name}@${commit.id}: metarange ${commit.metaRangeId} missing`)
        continue
      }
      let last: string | undefined
      for (const range of mr.ranges) {
        for (const record of inspect.rangeRecords(range.id)) {
          if (last !== undefined && compareBytewise(last, record.key) >= 0) problems.push(`${commit.metaRangeId}: ${record.key} after ${last}`)
          last = record.key
        }
      }
    }
  }
  return problems
}

/** Every entry of every branch head can be read (checked for all heads; entries are shared). */
export function unreadableEntries(emulator: Emulator): string[] {
  const out: string[] = []
  const inspect = emulator.inspect
  for (const repo of inspect.repositories()) {
    const name = repo.name
    const seen = new Set<string>()
    for (const branch of repo.branches.values()) {
      const commit = repo.commits.get(branch.head)
      if (!commit?.metaRangeId || seen.has(commit.metaRangeId)) continue
      seen.add(commit.metaRangeId)
      for (const range of inspect.metaRange(commit.metaRangeId).ranges) {
        for (const record of inspect.rangeRecords(range.id)) {
          if (!readable(emulator, name, record.entry)) out.push(`${name}: ${record.key} unreadable at ${record.entry.address}`)
        }
      }
    }
  }
  return out
}

function readable(emulator: Emulator, repoName: string, entry: Entry): boolean {
  return emulator.inspect.readable(repoName, entry)
}
