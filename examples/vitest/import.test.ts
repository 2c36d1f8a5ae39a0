// Testing lakeFS import code with the emulator in-process: no container, no port unless you want one.
// `importDay` stands for your code under test; it talks plain lakeFS REST, as an SDK would.
import { createEmulator, loadScenarioFile, shippedScenario } from 'lakefs-emulator'
import { afterEach, describe, expect, it } from 'vitest'

const AUTH = `Basic ${Buffer.from('AKIAIOSFOLQUICKSTART:wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY').toString('base64')}`

/** The code under test: start an import of one prefix, poll until it ends, return the commit id. */
async function importDay(endpoint: string, day: { source: string; destination: string; pollMs?: number }): Promise<string> {
  const base = `${endpoint}/repositories/my-repo/branches/main/import`
  const started = await fetch(base, {
    method: 'POST',
    headers: { Authorization: AUTH, 'Content-Type': 'application/json' },
    body: JSON.stringify({
      paths: [{ type: 'common_prefix', path: day.source, destination: day.destination }],
      commit: { message: `import ${day.source}`, metadata: { source: 'nightly' } },
    }),
  })
  if (started.status !== 202) throw new Error(`importStart: ${started.status} ${await started.text()}`)
  const { id } = (await started.json()) as { id: string }
  for (;;) {
    await new Promise((r) => setTimeout(r, day.pollMs ?? 20))
    const res = await fetch(`${base}?id=${id}`, { headers: { Authorization: AUTH } })
    const status = (await res.json()) as { completed: boolean; error?: { message: string }; commit?: { id: string } }
    if (status.completed) return status.commit!.id
    if (status.error) throw new Error(`import failed: ${status.error.message}`)
  }
}

// Scaled time: one wall millisecond is 100 emulator milliseconds, so imports paced at lakeFS-like
// rates finish in a blink while the client still sees progress, one status tick at a time.
const emulators: ReturnType<typeof createEmulator>[] = []
async function start(scenario: string) {
  const lakefs = createEmulator({ scenarios: [loadScenarioFile(shippedScenario(scenario))], clockMode: 'scaled', clockSpeed: 100 })
  emulators.push(lakefs)
  const { url } = await lakefs.listen() // port 0: a free port
  return { lakefs, endpoint: `${url}/api/v1` }
}
afterEach(async () => {
  await Promise.all(emulators.splice(0).map((e) => e.close()))
})

describe('importDay', () => {
  it('imports a day of data and returns the commit at the head of main', async () => {
    const { lakefs, endpoint } = await start('daily-drop')
    const commitId = await importDay(endpoint, { source: 's3://my-bucket/raw/2024/', destination: 'raw/2024/' })

    const head = await fetch(`${endpoint}/repositories/my-repo/branches/main`, { headers: { Authorization: AUTH } })
    expect(((await head.json()) as { commit_id: string }).commit_id).toBe(commitId)
    const [job] = lakefs.emulator.imports.list()
    expect(job?.status.ingestedObjects).toBe(6000)
    // The journal shows what the client sent: one start, then polls.
    expect(lakefs.journal.list({ operation: 'importStart' })).toHaveLength(1)
    expect(lakefs.journal.list({ operation: 'importStatus' }).length).toBeGreaterThan(1)
  })

  it('reports an import that fails midway instead of calling it done', async () => {
    const { endpoint } = await start('import-fails-midway')
    await expect(importDay(endpoint, { source: 's3://my-bucket/raw/2024-01-15/', destination: 'raw/' })).rejects.toThrow(
      /^import failed: import error: /
    )
  })
})
