/**
 * Query parameters read as lakeFS's Go server reads them: kin-openapi validates each value against
 * the spec, then oapi-codegen's runtime binds it (`runtime.BindQueryParameter` → `BindStringToObject`),
 * so a boolean is whatever `strconv.ParseBool` takes, an integer whatever `strconv.ParseInt(s, 10, 64)`
 * takes, a date-time RFC 3339 (or a bare date), and an array is the parameter repeated.
 */
import { z } from '@hono/zod-openapi'

type Issue = z.core.$RefinementCtx

/** A parameter given twice binds its first value, as Go's `url.Values.Get` does. */
const first = (v: unknown) => (Array.isArray(v) ? v[0] : v)

function refuse(ctx: Issue, value: string, reason: string): never {
  // kin-openapi's ParseError text: `value <v>: an invalid <type>: invalid syntax`.
  ctx.addIssue({ code: 'custom', message: `value ${value}: an invalid ${reason}: invalid syntax`, input: value })
  return z.NEVER
}

/** Go's `strconv.ParseBool`: `1 t T TRUE true True` and `0 f F FALSE false False`; anything else undefined. */
export function parseGoBool(value: string): boolean | undefined {
  switch (value) {
    case '1': case 't': case 'T': case 'TRUE': case 'true': case 'True':
      return true
    case '0': case 'f': case 'F': case 'FALSE': case 'false': case 'False':
      return false
    default:
      return undefined
  }
}

const INT64_MAX = 2n ** 63n - 1n

/** Go's `strconv.ParseInt(s, 10, 64)`: an optional sign and decimal digits within int64; anything else undefined. */
export function parseGoInt(value: string): number | undefined {
  if (!/^[+-]?\d+$/.test(value)) return undefined
  const n = BigInt(value)
  return n > INT64_MAX || n < -INT64_MAX - 1n ? undefined : Number(n)
}

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?(Z|[+-](\d{2}):(\d{2}))$/

/**
 * oapi-codegen's time binding: `time.Parse(time.RFC3339Nano, s)`, else `time.Parse("2006-01-02", s)`
 * (midnight UTC). Returns epoch milliseconds, or undefined. An offset without its colon (`+0000`, which
 * the Python SDK's `datetime_format` writes) fails both, on lakeFS as here.
 */
export function parseGoTime(value: string): number | undefined {
  const date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value)
  if (date) return validDate(value, `${value}T00:00:00Z`)
  const m = RFC3339.exec(value)
  if (!m || Number(m[4]) > 23 || Number(m[5]) > 59 || Number(m[6]) > 59) return undefined
  if (m[9] !== undefined && (Number(m[9]) > 23 || Number(m[10]) > 59)) return undefined
  return validDate(value.slice(0, 10), value)
}

/** Date.parse rolls 2024-02-30 over to March; Go refuses a day out of its month. */
function validDate(day: string, iso: string): number | undefined {
  const ms = Date.parse(iso)
  if (Number.isNaN(ms)) return undefined
  const [y, mo, d] = day.split('-').map(Number) as [number, number, number]
  const check = new Date(Date.UTC(y, mo - 1, d))
  return check.getUTCFullYear() === y && check.getUTCMonth() === mo - 1 && check.getUTCDate() === d ? ms : undefined
}

/** An optional boolean query parameter, declared `type: boolean` as in lakeFS's spec. */
export const queryBoolean = (name: string) =>
  z
    .preprocess(first, z.string().optional())
    .transform((v, ctx) => (v === undefined ? undefined : (parseGoBool(v) ?? refuse(ctx, v, 'boolean'))))
    .openapi({ type: 'boolean', param: { name, in: 'query' } })

/** An optional integer query parameter within [min, max], with kin-openapi's range messages. */
export const queryInteger = (name: string, range: { min?: number; max?: number } = {}) => integerParam(name, 'query', range)

/** An integer path parameter within [min, max] (a part number), with kin-openapi's messages. */
export const pathInteger = (name: string, range: { min?: number; max?: number }) => integerParam(name, 'path', range) as z.ZodType<number>

function integerParam(name: string, place: 'query' | 'path', { min, max }: { min?: number; max?: number }) {
  // A path parameter is always there (and required in the document); a query one may be absent.
  return z
    .preprocess(first, place === 'path' ? z.string() : z.string().optional())
    .transform((v, ctx) => {
      if (v === undefined) return undefined
      const n = parseGoInt(v) ?? refuse(ctx, v, 'integer')
      if (min !== undefined && n < min) ctx.addIssue({ code: 'custom', message: `number must be at least ${min}`, input: v })
      if (max !== undefined && n > max) ctx.addIssue({ code: 'custom', message: `number must be at most ${max}`, input: v })
      return n
    })
    .openapi({ type: 'integer', ...(min === undefined ? {} : { minimum: min }), ...(max === undefined ? {} : { maximum: max }), param: { name, in: place } })
}

/** An optional date-time query parameter, bound to epoch milliseconds. */
export const queryDateTime = (name: string) =>
  z
    .preprocess(first, z.string().optional())
    .transform((v, ctx) => (v === undefined ? undefined : (parseGoTime(v) ?? refuse(ctx, v, 'date-time'))))
    .openapi({ type: 'string', format: 'date-time', param: { name, in: 'query' } })

/** A repeatable query parameter (`?objects=a&objects=b`, form style, exploded): always a list. */
export const queryList = (name: string) =>
  z
    .preprocess((v) => (v === undefined || Array.isArray(v) ? v : [v]), z.array(z.string()).optional())
    .openapi({ type: 'array', items: { type: 'string' }, param: { name, in: 'query', style: 'form', explode: true } })
