import { readFileSync, writeFileSync } from 'node:fs'
import { expect, it } from 'vitest'
import { scenarioJsonSchema } from '../../src/scenarios/json-schema.js'

const FILE = 'scenarios/scenario.schema.json'

it('scenarios/scenario.schema.json is generated from the zod schema and up to date', () => {
  const fresh = scenarioJsonSchema()
  // UPDATE_SCHEMA=1 npx vitest run test/unit/scenario-json-schema.test.ts rewrites it.
  if (process.env.UPDATE_SCHEMA) writeFileSync(FILE, fresh)
  expect(readFileSync(FILE, 'utf8')).toBe(fresh)
})
