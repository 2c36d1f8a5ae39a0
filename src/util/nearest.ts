/**
 * The candidate `name` most likely stands for: the shortest one it begins (`getRepo`:
 * `getRepository`), else the closest by edit distance when close enough to be a typo.
 */
export function nearest(name: string, candidates: readonly string[]): string | undefined {
  const lower = name.toLowerCase()
  const extended = candidates.filter((c) => lower.length >= 3 && c.toLowerCase().startsWith(lower))
  if (extended.length) return extended.reduce((a, b) => (b.length < a.length ? b : a))
  let best: string | undefined
  let bestDistance = Infinity
  for (const c of candidates) {
    const d = distance(name.toLowerCase(), c.toLowerCase())
    if (d < bestDistance) [best, bestDistance] = [c, d]
  }
  // One slip in a short name, about one in three letters of a long one: `nope` is not `name`.
  return bestDistance <= Math.max(1, Math.floor(name.length / 3)) ? best : undefined
}

/** Edit distance where swapping two neighbouring letters is one edit (optimal string alignment). */
function distance(a: string, b: string): number {
  const rows: number[][] = [Array.from({ length: b.length + 1 }, (_, j) => j)]
  for (let i = 1; i <= a.length; i++) {
    const row = [i]
    for (let j = 1; j <= b.length; j++) {
      let d = Math.min(rows[i - 1]![j]! + 1, row[j - 1]! + 1, rows[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1))
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2]![j - 2]! + 1)
      row[j] = d
    }
    rows.push(row)
  }
  return rows[a.length]![b.length]!
}
