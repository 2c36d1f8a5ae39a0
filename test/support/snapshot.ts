/** What a refused request must leave alone: heads, staged keys, tags, imports and fake-store objects. */
import type { Emulator } from '../../src/emulator/emulator.js'

export function snapshot(emulator: Emulator): string {
  const inspect = emulator.inspect
  const repos = inspect.repositories().map((repo) => [
    repo.name,
    [...repo.branches].map(([b, branch]) => [b, branch.head, [...branch.staging.keys()]]),
    [...repo.tags],
  ])
  const stored = inspect.storedObjects().map((o) => `${o.uri}:${o.size}`)
  return JSON.stringify({ repos, imports: inspect.imports().length, stored })
}
