/** Builds a scenario's world inside an emulator: store objects, generated data, repositories. */
import { parseStorageUri } from '../emulator/blockstore.js'
import type { Emulator } from '../emulator/emulator.js'
import { ContentGenerator, GeneratedSpec } from './generated-content.js'
import type { Scenario } from './schema.js'

export function applyScenario(emulator: Emulator, scenario: Scenario, seed: number): void {
  const { store, clock } = emulator.world
  const start = clock.now()
  const time = (iso: string | undefined) => (iso ? Date.parse(iso) : start)

  // Every bucket the scenario names or fills exists from the start (S3's ListBuckets dates them so).
  const declare = (uri: string) => {
    const parsed = parseStorageUri(uri)
    if (parsed && parsed.type !== 'local') store.createBucket(parsed.root, start)
  }
  for (const b of scenario.store?.buckets ?? []) declare(b)
  for (const o of scenario.store?.objects ?? []) {
    declare(o.uri)
    store.put(o.uri, Buffer.from(o.content, o.encoding === 'base64' ? 'base64' : 'utf8'), time(o.lastModified))
  }
  const content = new ContentGenerator(seed)
  for (const g of scenario.store?.generate ?? []) {
    // Keys are expanded when the store first lists them, not here: start-up stays fast.
    declare(g.prefix)
    store.addGenerated(new GeneratedSpec(g.prefix, g.keys, g.size, time(g.lastModified), g.content ?? 'text', content))
  }
  for (const r of scenario.repositories ?? []) {
    // Scenarios add to each other: two declaring one repository is a naming clash, said by name.
    if (emulator.world.repositories.has(r.name)) throw new Error(`repository "${r.name}" is declared more than once (the scenarios loaded together add up; rename one)`)
    const repo = emulator.refs.createRepository({
      name: r.name,
      storageNamespace: r.storageNamespace,
      defaultBranch: r.defaultBranch,
      readOnly: r.readOnly,
    })
    if (r.actions?.length) {
      // JSON is YAML: each action is written as its JSON, where lakeFS would read it.
      const branch = repo.settings.defaultBranch
      for (const [i, action] of r.actions.entries()) {
        const name = typeof action.name === 'string' ? action.name.replace(/[^\w.-]+/g, '-') : `action-${i}`
        emulator.objects.upload(r.name, branch, `_lakefs_actions/${name}.yaml`, { bytes: Buffer.from(JSON.stringify(action, null, 2)), metadata: {}, contentType: 'application/x-yaml' })
      }
      emulator.refs.commitStaging(r.name, branch, { committer: 'lakefs-emulator', message: 'Add actions from the scenario' })
    }
    for (const b of r.branches ?? []) {
      emulator.refs.createBranch(r.name, b.name, b.source ?? repo.settings.defaultBranch)
      for (const u of b.uncommitted ?? []) {
        emulator.objects.upload(r.name, b.name, u.path, { bytes: Buffer.from(u.content), metadata: {} })
      }
    }
  }
}
