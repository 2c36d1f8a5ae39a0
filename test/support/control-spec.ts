/** Checks control API responses against the control API's own document (/_emulator/openapi.json). */
import { Ajv } from 'ajv'
import addFormats from 'ajv-formats'

type Json = any

let cached: { ajv: Ajv; doc: Json } | undefined

export function validateControlResponse(doc: Json, method: string, path: string, status: number, contentType: string | null, body: string): string[] {
  if (!cached || JSON.stringify(cached.doc) !== JSON.stringify(doc)) {
    const ajv = new Ajv({ strict: false, allErrors: true })
    addFormats.default(ajv)
    ajv.addSchema(withoutUntypedNullable(structuredClone(doc)), 'control')
    cached = { ajv, doc }
  }
  const op = operationAt(doc, method, path)
  if (!op) return [`${method} ${path}: not in the control API document`]
  const declared = op.responses?.[String(status)]
  if (!declared) return [`${op.operationId}: status ${status} is not declared`]
  const schema = declared.content?.['application/json']?.schema
  if (!schema) return body === '' ? [] : [`${op.operationId} ${status}: declared without a body, got ${body.slice(0, 80)}`]
  if (!contentType?.startsWith('application/json')) return [`${op.operationId} ${status}: expected JSON, got ${contentType}`]
  const local = withoutUntypedNullable(JSON.parse(JSON.stringify(schema).replaceAll('"#/components', '"control#/components')))
  const validate = cached.ajv.compile(local)
  if (validate(JSON.parse(body))) return []
  return (validate.errors ?? []).map((e) => `${op.operationId} ${status}: ${e.instancePath || '/'} ${e.message}`)
}

/** The operation whose path template (`/imports/{id}/cancel`) matches the request's path. */
function operationAt(doc: Json, method: string, path: string): Json {
  for (const [template, item] of Object.entries<Json>(doc.paths ?? {})) {
    const pattern = new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}$`)
    if (pattern.test(path) && item[method.toLowerCase()]) return item[method.toLowerCase()]
  }
  return undefined
}

/** zod-openapi writes `z.unknown()` as `{ nullable: true }` (any value, null included); Ajv wants a type beside it. */
function withoutUntypedNullable(node: Json): Json {
  if (Array.isArray(node)) return node.map(withoutUntypedNullable)
  if (node === null || typeof node !== 'object') return node
  const out: Json = {}
  for (const [k, v] of Object.entries(node)) if (!(k === 'nullable' && node.type === undefined)) out[k] = withoutUntypedNullable(v)
  return out
}
