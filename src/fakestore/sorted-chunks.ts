/**
 * Sorting a large list of strings in bounded steps: sort chunks, then merge them a slice at a
 * time, so a caller can yield to the event loop between steps. Already-ordered chunks (the
 * usual case for zero-padded brace patterns) are concatenated without a merge.
 */
import { compareBytewise, sortBytewise } from '../util/byte-order.js'

export const SORT_CHUNK = 8_192

/** Yields between steps; returns `items` sorted in byte order, duplicates kept. */
export function* sortInSteps(items: string[], chunk = SORT_CHUNK): Generator<void, string[]> {
  if (items.length <= chunk) return sortBytewise(items)
  const runs: string[][] = []
  for (let i = 0; i < items.length; i += chunk) {
    runs.push(sortBytewise(items.slice(i, i + chunk)))
    yield
  }
  if (runs.every((run, i) => i === 0 || compareBytewise(runs[i - 1]!.at(-1)!, run[0]!) <= 0)) {
    const out = new Array<string>(items.length)
    let n = 0
    for (const run of runs) {
      for (const s of run) out[n++] = s
      yield
    }
    return out
  }
  // Pairwise merge rounds: about log2(runs) comparisons per item in all.
  let level = runs
  while (level.length > 1) {
    const next: string[][] = []
    for (let r = 0; r < level.length; r += 2) {
      const b = level[r + 1]
      next.push(b ? yield* mergeTwo(level[r]!, b, chunk) : level[r]!)
    }
    level = next
  }
  return level[0]!
}

function* mergeTwo(a: string[], b: string[], chunk: number): Generator<void, string[]> {
  const out = new Array<string>(a.length + b.length)
  let i = 0
  let j = 0
  for (let n = 0; n < out.length; n++) {
    out[n] = j >= b.length || (i < a.length && compareBytewise(a[i]!, b[j]!) <= 0) ? a[i++]! : b[j++]!
    if ((n + 1) % chunk === 0) yield
  }
  return out
}
