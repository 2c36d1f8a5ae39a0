/** The scenario JSON Schema, generated from the zod schema (committed as scenarios/scenario.schema.json). */
import { z } from 'zod'
import { ScenarioSchema } from './schema.js'

export function scenarioJsonSchema(): string {
  const schema = z.toJSONSchema(ScenarioSchema, { target: 'draft-2020-12' })
  return `${JSON.stringify({ ...schema, title: 'lakefs-emulator scenario' }, null, 2)}\n`
}
