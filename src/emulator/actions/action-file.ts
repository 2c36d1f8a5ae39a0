/**
 * Action files as lakeFS reads them (pkg/actions/action.go): YAML with `name`, `description`, `on`
 * (event type to an optional `branches` list of path.Match patterns) and `hooks`, validated as
 * `Action.Validate` does. Keys lakeFS does not know are ignored, as yaml.v3 ignores them.
 */
import { createRequire } from 'node:module'
import type * as Yaml from 'yaml'
import { goPathPattern } from './glob.js'

/** Every event type lakeFS runs actions on (graveler.EventType). */
export const EVENT_TYPES = [
  'prepare-commit', 'pre-commit', 'post-commit', 'pre-merge', 'post-merge',
  'pre-create-branch', 'post-create-branch', 'pre-delete-branch', 'post-delete-branch',
  'pre-create-tag', 'post-create-tag', 'pre-delete-tag', 'post-delete-tag',
  'pre-revert', 'post-revert', 'pre-cherry-pick', 'post-cherry-pick',
] as const
export type EventType = (typeof EVENT_TYPES)[number]

/** Hook types lakeFS has (pkg/actions/hook.go); the emulator runs webhooks. */
export const HOOK_TYPES = ['webhook', 'airflow', 'lua'] as const

export interface ActionHook {
  readonly id: string
  readonly type: string
  readonly description?: string
  /** When to run it: an expression over success() and failure() (default: while nothing failed). */
  readonly if?: string
  readonly properties: Readonly<Record<string, unknown>>
}

export interface Action {
  readonly name: string
  readonly description?: string
  /** Event type to its branch patterns (an empty list matches every branch). */
  readonly on: ReadonlyMap<EventType, readonly string[]>
  readonly hooks: readonly ActionHook[]
}

/** The YAML parser, loaded at the first action file (a start that reads none never loads it). */
const loaded: { yaml?: typeof Yaml } = {}
const yaml = (): typeof Yaml => (loaded.yaml ??= createRequire(import.meta.url)('yaml') as typeof Yaml)

const NAME = /^\w[\w\-. ]+$/u
const HOOK_ID = /^[_a-zA-Z][\-_a-zA-Z0-9]{1,255}$/

/** ParseAction: YAML read, then validated; the error says what lakeFS's would. */
export function parseAction(text: string): Action {
  let doc: unknown
  try {
    doc = yaml().parse(text) ?? {}
  } catch (err) {
    throw new Error(`yaml: ${(err as Error).message.split('\n')[0]}`)
  }
  if (typeof doc !== 'object' || Array.isArray(doc)) throw new Error('yaml: unmarshal errors: cannot unmarshal into actions.Action')
  const raw = doc as Record<string, unknown>
  const name = typeof raw.name === 'string' ? raw.name : ''
  if (!name) throw invalid("'name' is required")
  if (!NAME.test(name)) throw invalid("'name' is invalid")
  const on = readOn(raw.on)
  const hooks = readHooks(raw.hooks)
  return { name, description: typeof raw.description === 'string' ? raw.description : undefined, on, hooks }
}

function readOn(value: unknown): Map<EventType, readonly string[]> {
  if (value === null || value === undefined || typeof value !== 'object' || !Object.keys(value).length) throw invalid("'on' is required")
  const on = new Map<EventType, readonly string[]>()
  for (const [event, spec] of Object.entries(value as Record<string, unknown>)) {
    if (!(EVENT_TYPES as readonly string[]).includes(event)) throw invalid(`event '${event}' is not supported`)
    const branches = spec && typeof spec === 'object' ? (spec as { branches?: unknown }).branches : undefined
    if (branches !== undefined && event.includes('tag')) {
      throw new Error("'branches' is not supported in tag event types. invalid event parameter")
    }
    on.set(event as EventType, Array.isArray(branches) ? branches.map(String) : [])
  }
  return on
}

function readHooks(value: unknown): ActionHook[] {
  const list = Array.isArray(value) ? value : []
  const ids = new Set<string>()
  return list.map((h: Record<string, unknown>, i) => {
    const id = typeof h?.id === 'string' ? h.id : ''
    if (!HOOK_ID.test(id)) throw invalid(`hook[${i}] missing ID`)
    if (ids.has(id)) throw invalid(`hook[${i}] duplicate ID '${id}'`)
    ids.add(id)
    const type = typeof h.type === 'string' ? h.type : ''
    // lakeFS names the hook's ID here, not its type.
    if (!(HOOK_TYPES as readonly string[]).includes(type)) throw invalid(`hook[${i}] type '${id}' unknown`)
    const properties = h.properties && typeof h.properties === 'object' ? (h.properties as Record<string, unknown>) : {}
    return { id, type, description: typeof h.description === 'string' ? h.description : undefined, if: typeof h.if === 'string' && h.if ? h.if : undefined, properties }
  })
}

const invalid = (what: string) => new Error(`${what}: invalid action`)

/** Action.Match: the event is one of the action's, and a branch pattern (if any) matches. */
export function matchesEvent(action: Action, event: EventType, branch: string): boolean {
  const patterns = action.on.get(event)
  if (!patterns) return false
  if (!patterns.length) return true
  return patterns.some((p) => {
    const re = goPathPattern(p)
    if (!re) throw new Error('syntax error in pattern')
    return re.test(branch)
  })
}
