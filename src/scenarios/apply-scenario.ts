/** Builds a scenario's world inside an emulator: store objects, generated data, repositories. */
import type { Emulator } from '../emulator/emulator.js'
import { expandBraces } from './brace-expansion.js'
import { ContentGenerator } from './generated-content.js'
import type { Scenario } from './schema.js'

export function applyScenario(emulator: Emulator, scenario: Scenario, seed: number): void {
  const { store, clock } = emulator.world
  const start = clock.now()
  const time = (iso: string | undefined) => (iso ? Date.parse(iso) : start)

  for (const o of scenario.store?.objects ?? []) {
    store.put(o.uri, Buffer.from(o.content, o.encoding === 'base64' ? 'base64' : 'utf8'), time(o.lastModified))
  }
  const content = new ContentGenerator(seed)
  for (const g of scenario.store?.generate ?? []) {
    const lastModified = time(g.lastModified)
    const kind = g.content ?? 'text'
    for (const pattern of g.keys) {
      for (const key of expandBraces(pattern)) {
        const uri = g.prefix + key
        const size = content.size(uri, g.size)
        store.putGenerated(uri, { size, lastModified, generate: () => content.bytes(uri, size, kind) })
      }
    }
  }
  for (const r of scenario.repositories ?? []) {
    const repo = emulator.refs.createRepository({
      name: r.name,
      storageNamespace: r.storageNamespace,
      defaultBranch: r.defaultBranch,
      readOnly: r.readOnly,
    })
    for (const b of r.branches ?? []) {
      emulator.refs.createBranch(r.name, b.name, b.source ?? repo.settings.defaultBranch)
      for (const u of b.uncommitted ?? []) {
        emulator.objects.upload(r.name, b.name, u.path, { bytes: Buffer.from(u.content), metadata: {} })
      }
    }
  }
}
