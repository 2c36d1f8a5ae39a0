/**
 * The GitHub Action (action.yml), run here the way a runner runs a composite action
 * (scripts/github-action.mjs). `uses:` steps (the artifact upload) cannot run without GitHub; the
 * test checks what they would be given. The emulator is this checkout's built CLI (input
 * `version: source`, dist/ already built).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse } from 'yaml'
import { afterAll, describe, expect, it } from 'vitest'
import { runAction as run } from '../../scripts/github-action.mjs'

const root = fileURLToPath(new URL('../..', import.meta.url))
const action = parse(readFileSync(join(root, 'action.yml'), 'utf8'))
const runAction = (given: Record<string, string>, job: Record<string, string>) => run(root, given, job)
const work = mkdtempSync(join(tmpdir(), 'lakefs-emulator-action-'))
afterAll(() => rmSync(work, { recursive: true, force: true }))

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number }
      probe.close(() => resolve(port))
    })
  })
}

const portIsFree = (port: number) =>
  new Promise<boolean>((resolve) => {
    const probe = createServer()
    probe.once('error', () => resolve(false))
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)))
  })

describe.runIf(existsSync(join(root, 'dist/cli.js')))('the GitHub Action', () => {
  it('starts the emulator with a scenario, runs the command against it, keeps the journal, coverage and log, and stops it', async () => {
    const [port, s3Port, gcsPort, azurePort] = [await freePort(), await freePort(), await freePort(), await freePort()]
    const runnerTemp = mkdtempSync(join(work, 'runner-'))
    const command = [
      'curl -fsS -u "$LAKECTL_CREDENTIALS_ACCESS_KEY_ID:$LAKECTL_CREDENTIALS_SECRET_ACCESS_KEY" "$LAKECTL_SERVER_ENDPOINT_URL/api/v1/repositories" > repos.json',
      'curl -fsS -o /dev/null -w "%{http_code}" "$LAKEFS_EMULATOR_S3_ENDPOINT/" > store-status.txt || true',
    ].join('\n')
    const out = runAction(
      { scenario: 'daily-drop', port: String(port), 's3-port': String(s3Port), 'gcs-port': String(gcsPort), 'azure-port': String(azurePort), args: '--seed 7', run: command },
      { RUNNER_TEMP: runnerTemp, GITHUB_WORKSPACE: work }
    )
    expect(out.failed, out.log).toBe(false)
    expect(out.ran).toEqual(['Start the lakeFS emulator', 'Run the command against it', 'Keep what the emulator saw, and stop it', 'Upload the journal, coverage report and log'])
    const url = `http://127.0.0.1:${port}`
    expect(out.env).toMatchObject({
      LAKECTL_SERVER_ENDPOINT_URL: url,
      LAKECTL_CREDENTIALS_ACCESS_KEY_ID: 'AKIAIOSFOLQUICKSTART',
      LAKECTL_CREDENTIALS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      LAKEFS_ENDPOINT: url,
      LAKEFS_EMULATOR_S3_ENDPOINT: `http://127.0.0.1:${s3Port}`,
      STORAGE_EMULATOR_HOST: `http://127.0.0.1:${gcsPort}`,
      AZURE_STORAGE_CONNECTION_STRING: expect.stringContaining(`BlobEndpoint=http://127.0.0.1:${azurePort}/devstoreaccount1;`),
    })
    expect(out.outputs.start).toMatchObject({ endpoint: url, 's3-endpoint': `http://127.0.0.1:${s3Port}`, artifacts: join(runnerTemp, 'lakefs-emulator') })
    expect(readFileSync(join(work, 'repos.json'), 'utf8'), out.log).not.toBe('')
    expect(JSON.parse(readFileSync(join(work, 'repos.json'), 'utf8')).results.map((r: { id: string }) => r.id)).toEqual(['my-repo'])
    expect(readFileSync(join(work, 'store-status.txt'), 'utf8'), JSON.stringify(out.env) + out.log).toBe('403') // the store's endpoint, unsigned

    const artifacts = join(runnerTemp, 'lakefs-emulator')
    expect(out.uploads).toEqual([{ name: 'lakefs-emulator', path: artifacts, 'if-no-files-found': 'warn' }])
    const journal = JSON.parse(readFileSync(join(artifacts, 'journal.json'), 'utf8')).entries
    expect(journal.map((e: { operationId: string; status: number }) => `${e.operationId} ${e.status}`)).toEqual(['listRepositories 200', 's3:ListBuckets 403'])
    expect(JSON.parse(readFileSync(join(artifacts, 'coverage.json'), 'utf8')).exercised.map((e: { operationId: string }) => e.operationId)).toContain('listRepositories')
    expect(readFileSync(join(artifacts, 'lakefs-emulator.log'), 'utf8')).toMatch(/^lakefs-emulator \S+ listening on/)
    expect(await portIsFree(port)).toBe(true)
    expect(await portIsFree(s3Port)).toBe(true)
    expect(await portIsFree(gcsPort)).toBe(true)
    expect(await portIsFree(azurePort)).toBe(true)
  })

  it('fails the step when the command fails, and still keeps the artifacts and stops the emulator', async () => {
    const port = await freePort()
    const runnerTemp = mkdtempSync(join(work, 'runner-'))
    const out = runAction({ port: String(port), 's3-port': '0', 'gcs-port': '0', 'azure-port': '0', run: 'curl -fsS "$LAKEFS_ENDPOINT/api/v1/repositories" > /dev/null' }, { RUNNER_TEMP: runnerTemp, GITHUB_WORKSPACE: work })
    expect(out.failed).toBe(true)
    expect(out.ran.slice(2)).toEqual(['Keep what the emulator saw, and stop it', 'Upload the journal, coverage report and log'])
    expect(readFileSync(join(runnerTemp, 'lakefs-emulator', 'journal.json'), 'utf8'), out.log).not.toBe('')
    const journal = JSON.parse(readFileSync(join(runnerTemp, 'lakefs-emulator', 'journal.json'), 'utf8')).entries
    expect(journal.map((e: { operationId: string; status: number }) => `${e.operationId} ${e.status}`)).toEqual(['listRepositories 401'])
    expect(await portIsFree(port)).toBe(true)
  })

  it('fails at start with the emulator\'s own message for a bad scenario, and leaves nothing running', async () => {
    const port = await freePort()
    const out = runAction({ scenario: 'daily-drops', port: String(port), 's3-port': '0', 'gcs-port': '0', 'azure-port': '0', run: 'true' }, { RUNNER_TEMP: mkdtempSync(join(work, 'runner-')), GITHUB_WORKSPACE: work })
    expect(out.failed).toBe(true)
    expect(out.ran).toEqual(['Start the lakeFS emulator'])
    expect(out.log).toContain('::error::lakefs-emulator exited before it was ready')
    expect(out.log).toContain('did you mean "daily-drop"?')
    expect(await portIsFree(port)).toBe(true)
  })

  it('declares every input it reads, and nothing it does not use', () => {
    const text = readFileSync(join(root, 'action.yml'), 'utf8')
    const read = new Set([...text.matchAll(/inputs\.([\w-]+)/g)].map((m) => m[1]))
    expect([...read].sort()).toEqual(Object.keys(action.inputs).sort())
    expect(action.runs.using).toBe('composite')
    for (const step of action.runs.steps as { run?: string; shell?: string }[]) if (step.run) expect(step.shell).toBe('bash')
  })
})
