/** What a refused request must leave alone: heads, staged keys, tags, imports and fake-store objects. */
import type { Emulator } from '../../src/emulator/emulator.js'

export function snapshot(emulator: Emulator): string {
  const { world } = emulator
  const repos = [...world.repositories].map(([name, repo]) => [
    name,
    [...repo.branches].map(([b, branch]) => [b, branch.head, [...branch.staging.keys()]]),
    [...repo.tags],
  ])
  const stored = world.store.list('').map((o) => `${o.uri}:${o.size}`)
  return JSON.stringify({ repos, imports: emulator.imports.list().length, stored })
}
