/**
 * lakeFS's own OpenAPI document (../shared/lakefs/swagger.yml, or $LAKEFS_SWAGGER), and a
 * validator for responses against it. Never copied into this project.
 */
import { existsSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { Ajv } from 'ajv'
import addFormats from 'ajv-formats'
import YAML from 'yaml'

export const SWAGGER_PATH = resolve(process.env.LAKEFS_SWAGGER ?? resolve(import.meta.dirname, '../../../shared/lakefs/swagger.yml'))

type Json = Record<string, any>

export interface SpecOperation {
  method: string
  path: string
  operationId: string
  parameters: Json[]
  responses: Json
  requestBodyRequired: boolean
  matcher: RegExp
}

let cached: { doc: Json; ops: SpecOperation[]; ajv: Ajv } | undefined

export function specAvailable(): boolean {
  return existsSync(SWAGGER_PATH)
}

export function lakefsSpec() {
  if (cached) return cached
  const doc = YAML.parse(readFileSync(SWAGGER_PATH, 'utf8')) as Json
  const ops: SpecOperation[] = []
  for (const [path, item] of Object.entries<Json>(doc.paths)) {
    for (const [method, op] of Object.entries<Json>(item)) {
      if (method === 'parameters') continue
      const parameters = [...(item.parameters ?? []), ...(op.parameters ?? [])].map((p: Json) => deref(doc, p))
      const matcher = new RegExp(`^${path.replace(/\{[^}]+\}/g, '[^/]+')}$`)
      ops.push({ method: method.toUpperCase(), path, operationId: op.operationId, parameters, responses: op.responses, requestBodyRequired: Boolean(op.requestBody?.required), matcher })
    }
  }
  const ajv = new Ajv({ strict: false, allErrors: true })
  addFormats.default(ajv)
  for (const f of ['int64', 'int32', 'binary', 'byte']) ajv.addFormat(f, true)
  ajv.addSchema(doc, 'lakefs')
  cached = { doc, ops, ajv }
  return cached
}

export function deref(doc: Json, node: Json): Json {
  if (!node?.$ref) return node
  const parts = (node.$ref as string).replace(/^#\//, '').split('/')
  return deref(doc, parts.reduce((n: Json, k) => n[k], doc))
}

export function findOperation(method: string, path: string): SpecOperation | undefined {
  const m = method === 'HEAD' ? 'HEAD' : method
  return lakefsSpec().ops.find((o) => o.method === m && o.matcher.test(path))
}

/**
 * Checks a response against lakeFS's declared response for its status (or `default`).
 * Returns the problems found; empty means it conforms.
 */
export function validateResponse(method: string, path: string, status: number, contentType: string | null, body: string): string[] {
  const op = findOperation(method, path)
  if (!op) return [`${method} ${path}: no such operation in lakeFS's spec`]
  const { doc, ajv } = lakefsSpec()
  const declared = op.responses[String(status)] ?? op.responses.default
  if (!declared) return [`${op.operationId}: status ${status} is not declared by lakeFS`]
  const response = deref(doc, declared)
  const schema = response.content?.['application/json']?.schema
  if (!schema) return []
  if (!contentType?.startsWith('application/json')) return [`${op.operationId} ${status}: expected JSON, got ${contentType}`]
  const ref = schema.$ref ? `lakefs${schema.$ref}` : undefined
  const validate = ref ? ajv.getSchema(ref) : compileInline(ajv, schema)
  if (!validate) return [`cannot resolve ${schema.$ref}`]
  const data = JSON.parse(body)
  if (validate(data)) return []
  return (validate.errors ?? [])
    .filter((e) => !LAKEFS_OWN_DEVIATIONS.some((d) => d.operationId === op.operationId && d.matches(e.instancePath, e.message ?? '')))
    .map((e) => `${op.operationId} ${status}: ${e.instancePath || '/'} ${e.message}`)
}

/**
 * Where lakeFS's controller itself answers outside its spec, and the emulator with it (a client of
 * lakeFS meets the same): these are not the emulator's departures.
 */
const LAKEFS_OWN_DEVIATIONS: { operationId: string; matches: (path: string, message: string) => boolean }[] = [
  // controller.go ListPullRequests leaves each pull request's description out ("to maintain permissions").
  { operationId: 'listPullRequests', matches: (path, message) => /^\/results\/\d+$/.test(path) && message.includes("'description'") },
  // controller.go GetGCRules: a nil slice of branch rules encodes as null.
  { operationId: 'getGCRules', matches: (path) => path === '/branches' },
  { operationId: 'internalGetGarbageCollectionRules', matches: (path) => path === '/branches' },
]

const inlineValidators = new Map<string, ReturnType<Ajv['compile']>>()

/** An inline schema (e.g. an array of a component) with its `#/...` refs pointed into lakeFS's document. */
function compileInline(ajv: Ajv, schema: Json) {
  const key = JSON.stringify(schema)
  let validate = inlineValidators.get(key)
  if (!validate) {
    validate = ajv.compile(JSON.parse(key.replace(/"\$ref":"#\//g, '"$ref":"lakefs#/')))
    inlineValidators.set(key, validate)
  }
  return validate
}
