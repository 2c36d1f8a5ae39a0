/** What the README says of the shipped scenarios, held to the files: every bad-day file has the repository and the day of data the shared import request uses. */
import { readFileSync } from 'node:fs'
import { expect, it } from 'vitest'
import { loadScenarioFile, shippedScenario } from '../../src/index.js'

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8')
const section = readme.slice(readme.indexOf('## Testing your client against bad days'), readme.indexOf('## Scenarios'))
const badDays = [...section.matchAll(/^\*\*`([\w-]+)`\*\*:/gm)].map((m) => m[1]!)

it('describes the bad-day files, each with my-repo and a day of data under s3://my-bucket/raw/2024-01-15/', () => {
  expect(badDays.length).toBeGreaterThanOrEqual(11)
  for (const name of badDays) {
    const s = loadScenarioFile(shippedScenario(name))
    expect(s.repositories?.map((r) => [r.name, r.storageNamespace]), name).toEqual([['my-repo', 's3://my-bucket/repos/my-repo']])
    expect(s.store?.generate?.map((g) => g.prefix), name).toEqual(['s3://my-bucket/raw/2024-01-15/'])
  }
})
