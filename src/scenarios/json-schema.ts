/** The scenario JSON Schema, generated from the zod schema (committed as scenarios/scenario.schema.json). */
import { z } from 'zod'
import { OPERATION_ID_DESCRIPTION } from './fault-schema.js'
import { ScenarioSchema } from './schema.js'

/** The schema, with the operationIds fault rules may name (the served route table's) as an enum, for editors. */
export function scenarioJsonSchema(operations: readonly string[]): string {
  const schema = z.toJSONSchema(ScenarioSchema, { target: 'draft-2020-12' })
  const withEnum = JSON.parse(JSON.stringify(schema), (_key, value: unknown) =>
    isOperationId(value) ? { ...value, enum: [...operations] } : value
  ) as object
  return `${JSON.stringify({ ...withEnum, title: 'lakefs-emulator scenario' }, null, 2)}\n`
}

function isOperationId(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && (value as { description?: unknown }).description === OPERATION_ID_DESCRIPTION
}
