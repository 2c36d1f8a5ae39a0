/**
 * The release workflow (.github/workflows/release.yml), checked without GitHub: what triggers it,
 * the permissions provenance and trusted publishing need, actions pinned to a version, every `run:`
 * script valid bash, the image built for both architectures from the Dockerfile, and the version
 * checks run here against this checkout (a matching tag passes, another fails).
 */
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { parse } from 'yaml'
import { describe, expect, it } from 'vitest'

const root = fileURLToPath(new URL('../..', import.meta.url))
const workflow = parse(readFileSync(`${root}/.github/workflows/release.yml`, 'utf8'))
interface Step {
  name?: string
  uses?: string
  run?: string
  with?: Record<string, string>
  env?: Record<string, string>
}
const jobs = workflow.jobs as Record<string, { permissions?: Record<string, string>; steps: Step[] }>
const steps = (job: string) => jobs[job]!.steps
const version = JSON.parse(readFileSync(`${root}/package.json`, 'utf8')).version as string

describe('the release workflow', () => {
  it('runs on a version tag only, with read-only defaults', () => {
    expect(workflow.on).toEqual({ push: { tags: ['v*.*.*'] } })
    expect(workflow.permissions).toEqual({ contents: 'read' })
    expect(Object.keys(jobs).sort()).toEqual(['image', 'npm', 'pypi'])
  })

  it('pins every action to a version, and every script is valid bash', () => {
    for (const [name, job] of Object.entries(jobs)) {
      for (const step of job.steps) {
        if (step.uses) expect(step.uses, `${name}: ${step.uses}`).toMatch(/^[\w.-]+\/[\w.-]+@(v\d+|release\/v\d+|[0-9a-f]{40})$/)
        else {
          const check = spawnSync('bash', ['-n'], { input: step.run, encoding: 'utf8' })
          expect(check.status, `${name}: ${step.run}\n${check.stderr}`).toBe(0)
        }
      }
    }
  })

  it('publishes to npm with provenance, from a clean install that type-checks', () => {
    expect(jobs.npm!.permissions).toEqual({ contents: 'read', 'id-token': 'write' })
    const runs = steps('npm').flatMap((s) => (s.run ? [s.run.trim()] : []))
    expect(runs.slice(1)).toEqual(['npm ci --no-audit --no-fund', 'npm run typecheck', 'npm publish --provenance --access public'])
    expect(steps('npm').find((s) => s.run?.startsWith('npm publish'))!.env).toEqual({ NODE_AUTH_TOKEN: '${{ secrets.NPM_TOKEN }}' })
    expect(steps('npm').find((s) => s.uses?.startsWith('actions/setup-node'))!.with!['registry-url']).toBe('https://registry.npmjs.org')
  })

  it('builds the image for amd64 and arm64 from the Dockerfile and pushes it to ghcr.io', () => {
    expect(jobs.image!.permissions).toEqual({ contents: 'read', packages: 'write' })
    const build = steps('image').find((s) => s.uses?.startsWith('docker/build-push-action'))!
    expect(build.with).toMatchObject({ context: '.', file: 'Dockerfile', platforms: 'linux/amd64,linux/arm64', push: true })
    expect(existsSync(`${root}/Dockerfile`)).toBe(true)
    expect(steps('image').map((s) => s.uses?.split('@')[0]).filter(Boolean)).toEqual([
      'actions/checkout', 'docker/setup-qemu-action', 'docker/setup-buildx-action', 'docker/login-action', 'docker/metadata-action', 'docker/build-push-action',
    ])
  })

  it('publishes the pytest plugin with trusted publishing', () => {
    expect(jobs.pypi!.permissions).toEqual({ contents: 'read', 'id-token': 'write' })
    expect(steps('pypi').at(-1)).toEqual({ uses: 'pypa/gh-action-pypi-publish@release/v1', with: { 'packages-dir': 'python/dist' } })
  })

  it("refuses a tag that is not the package's version, in each job", () => {
    for (const job of ['npm', 'pypi', 'image']) {
      const check = steps(job).find((s) => s.name?.startsWith('The tag is'))!
      const run = (tag: string) => spawnSync('bash', ['-eo', 'pipefail', '-c', check.run!], { cwd: root, encoding: 'utf8', env: { ...process.env, GITHUB_REF_NAME: tag } })
      expect(run(`v${version}`).status, `${job} with v${version}`).toBe(0)
      const wrong = run('v9.9.9')
      expect(wrong.status).toBe(1)
      expect(wrong.stdout).toMatch(/^::error::tag v9\.9\.9 is not .*'s version v/)
    }
  })
})
