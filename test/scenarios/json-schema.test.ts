import { readFileSync, writeFileSync } from 'node:fs'
import { expect, it } from 'vitest'
import { OPERATION_IDS } from '../../src/composition/app.js'
import { scenarioJsonSchema } from '../../src/scenarios/json-schema.js'

const FILE = 'scenarios/scenario.schema.json'

it('scenarios/scenario.schema.json is generated from the zod schema and up to date', () => {
  const committed = readFileSync(FILE, 'utf8')
  const fresh = scenarioJsonSchema(OPERATION_IDS)
  if (process.env.UPDATE_SCHEMA && committed !== fresh) {
    // UPDATE_SCHEMA=1 npx vitest run test/unit/scenario-json-schema.test.ts rewrites it, and still fails
    // this once, so a stale file never passes unnoticed.
    writeFileSync(FILE, fresh)
  }
  expect(committed).toBe(fresh)
})
