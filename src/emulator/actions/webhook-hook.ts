/**
 * A webhook hook (pkg/actions/webhook.go): POST lakeFS's event payload as JSON to `url` with its
 * `query_params` and `headers`, within `timeout` (a Go duration, one minute by default); anything but
 * a 2xx answer fails the hook. The hook's output is the request and response, as lakeFS logs them.
 */
import type { ActionHook } from './action-file.js'
import type { HookExecutor } from './hook-port.js'

const DEFAULT_TIMEOUT_MS = 60_000

/** The event lakeFS posts (actions.EventInfo), its keys in lakeFS's order. */
export interface EventInfo {
  event_type: string
  event_time: string
  action_name: string
  hook_id: string
  repository_id: string
  branch_id: string
  source_ref?: string
  tag_id?: string
  commit_id?: string
  commit_message: string
  committer: string
  commit_metadata?: Record<string, string>
  merge_source?: string
}

/** Go's time.ParseDuration for what action files write: `30s`, `1m30s`, `500ms`, `1.5h`. */
export function goDurationMs(text: string): number | undefined {
  const units: Record<string, number> = { ns: 1e-6, us: 1e-3, 'µs': 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 }
  if (!/^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/.test(text)) return text === '0' ? 0 : undefined
  let total = 0
  for (const [, n, , unit] of text.matchAll(/(\d+(\.\d+)?)(ns|us|µs|ms|s|m|h)/g)) total += Number(n) * units[unit!]!
  return total
}

/** A value that may come from the environment (actions.SecureString): shown masked when it does. */
interface SecureString {
  readonly val: string
  readonly secret: boolean
}

/** `{{ ENV.NAME }}` replaced from `env`; a missing variable is an error (secure_string.go NewSecureString). */
function secureString(text: string, env: (name: string) => string | undefined): SecureString {
  let matches = 0
  const val = text.replace(/{{ ?ENV\..*? ?}}/g, (origin) => {
    matches++
    const [scope, name] = origin.replace(/^[{} ]+|[{} ]+$/g, '').split(/\.(.*)/s)
    if (scope !== 'ENV' || name === undefined) return origin
    const found = env(name)
    if (found === undefined) throw new Error(`${name} not found: missing env var`)
    return found
  })
  return { val, secret: matches > 0 }
}

const shown = (s: SecureString) => (s.secret ? '*******' : s.val)

function stringMap(value: unknown, what: 'query params' | 'headers', env: (name: string) => string | undefined): [string, SecureString][] {
  if (value === undefined) return []
  const where = what === 'headers' ? 'extracting headers' : 'extracting query params'
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new Error(`${where}: unsupported ${what}: webhook wrong format`)
  const out: [string, SecureString][] = []
  for (const [k, v] of Object.entries(value)) {
    for (const item of Array.isArray(v) && what === 'query params' ? v : [v]) {
      if (typeof item !== 'string') throw new Error(`${where}: ${what} should contain only strings: webhook wrong format`)
      try {
        out.push([k, secureString(item, env)])
      } catch (err) {
        throw new Error(`${where}: reading ${what === 'headers' ? 'header' : 'query param'}: ${(err as Error).message}`)
      }
    }
  }
  return out
}

/** Runs the hook; resolves to its output and error (undefined when it passed). */
export async function runWebhook(hook: ActionHook, event: EventInfo, executor: HookExecutor, env: (name: string) => string | undefined = () => undefined): Promise<{ output: string; error?: string }> {
  const props = hook.properties
  if (typeof props.url !== 'string') return { output: '', error: props.url === undefined ? 'missing url: webhook wrong format' : 'webhook url must be string: webhook wrong format' }
  let timeoutMs = DEFAULT_TIMEOUT_MS
  if (typeof props.timeout === 'string' && props.timeout) {
    const parsed = goDurationMs(props.timeout)
    if (parsed === undefined) return { output: '', error: `webhook request duration: time: invalid duration "${props.timeout}"` }
    timeoutMs = parsed
  }
  let query: [string, SecureString][]
  let headers: [string, SecureString][]
  try {
    query = stringMap(props.query_params, 'query params', env)
    headers = stringMap(props.headers, 'headers', env)
  } catch (err) {
    return { output: '', error: (err as Error).message }
  }
  const url = new URL(props.url)
  for (const [k, v] of query) url.searchParams.append(k, v.val)
  const body = JSON.stringify(event)
  const allHeaders: [string, SecureString][] = [...headers, ['Content-Type', { val: 'application/json', secret: false }]]
  const sent = Object.fromEntries(allHeaders.map(([k, v]) => [k, v.val]))
  let output = `Request:\nPOST ${props.url}\nQuery Params:\n${query.map(([k, v]) => `${k}: ${shown(v)}\n`).join('')}`
  output += `Headers:\n${allHeaders.map(([k, v]) => `${k}: ${shown(v)}\n`).join('')}Request Body:\n${body}\n\n`
  const about = { repository: event.repository_id, branch: event.branch_id, eventType: event.event_type }
  const answer = await executor.post({ url: url.toString(), headers: sent, body, timeoutMs, about })
  output += `\nRequest duration: ${answer.durationMs}ms\n`
  if ('error' in answer) return { output, error: `Post "${url.toString()}": ${answer.error}` }
  output += `\nResponse:\nHTTP/1.1 ${answer.status} ${answer.statusText}\r\n${answer.headers.map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n${answer.body}`
  if (answer.status < 200 || answer.status >= 300) return { output, error: `webhook request failed (status code: ${answer.status})` }
  return { output }
}
