/** The CLI's import progress lines: objects of the total and rate while running, one line when an import ends. */
import { describe, expect, it } from 'vitest'
import { ImportProgressLog } from '../../src/cli/import-progress-log.js'
import { importBody, setup, startImport } from '../support/harness.js'

describe('import progress log', () => {
  it('says how far each running import got and how fast, then how it ended', async () => {
    const h = setup({
      import: { objectsPerSecond: 1000, statusIntervalMs: 1000 },
      store: { generate: [{ prefix: 's3://b/d/', keys: ['f{0001..2500}'], size: 1 }] },
      repositories: [{ name: 'repo', storageNamespace: 's3://b/repos/repo', branches: [{ name: 'other' }] }],
    })
    const lines: string[] = []
    let wall = 0
    const progress = new ImportProgressLog(() => h.emulator, (line) => lines.push(line), () => wall)
    const id = await startImport(h, 'repo', 'main', importBody([{ path: 's3://b/d/', destination: 'd/' }], { message: 'm' }))
    const doomed = await startImport(h, 'repo', 'other', importBody([{ path: 's3://b/d/', destination: 'd/' }], { message: 'm' }))
    progress.tick() // first sight: nothing to compare with yet
    const step = async (ms: number) => {
      await h.advance(ms)
      wall += ms
      progress.tick()
    }
    await step(1000)
    await h.request('DELETE', `/repositories/repo/branches/other/import?id=${doomed}`)
    await step(500)
    await step(2000)
    const commit = (await h.request('GET', `/repositories/repo/branches/main/import?id=${id}`)).body.commit.id as string
    expect(lines).toEqual([
      `import ${id} (repo/main): 1,000/2,500 objects, 1,000/s`,
      `import ${doomed} (repo/other): 1,000/2,500 objects, 1,000/s`,
      `import ${id} (repo/main): 1,500/2,500 objects, 1,000/s`,
      `import ${doomed} (repo/other): canceled after 1,000 objects`,
      `import ${id} (repo/main): completed, 2,500 objects, commit ${commit.slice(0, 12)}`,
    ])
    await step(1000)
    expect(lines).toHaveLength(5) // an ended import is told once
  })
})
