/**
 * A Lua hook's input (pkg/actions/lua.go NewLuaHook and applyRecord): `script` or `script_path`
 * (read from the event's source ref), `args` (a map, its strings read as secure strings), and the
 * `action` record lakeFS pushes. Running it is the LuaHookRunner's.
 */
import type { Action, ActionHook } from './action-file.js'
import type { HookRecord } from './actions-service.js'
import type { LuaHookInput, ObjectText } from './hook-port.js'

/** `{{ ENV.NAME }}` inside args, as DescendArgs resolves them. */
function descend(value: unknown, env: (name: string) => string | undefined): unknown {
  if (typeof value === 'string') {
    return value.replace(/{{ ?ENV\..*? ?}}/g, (origin) => {
      const name = origin.replace(/^[{} ]+|[{} ]+$/g, '').slice('ENV.'.length)
      const found = env(name)
      if (found === undefined) throw new Error(`error parsing args: ${name} not found: missing env var`)
      return found
    })
  }
  if (Array.isArray(value)) return value.map((v) => descend(v, env))
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, descend(v, env)]))
  return value
}

export function luaHookInput(action: Action, hook: ActionHook, record: HookRecord, runId: string, env: (name: string) => string | undefined, readText?: ObjectText): LuaHookInput | { error: string } {
  const props = hook.properties
  if (props.args !== undefined && (typeof props.args !== 'object' || props.args === null || Array.isArray(props.args))) return { error: "'args' should be a map: wrong value type" }
  let args: Record<string, unknown>
  try {
    args = descend(props.args ?? {}, env) as Record<string, unknown>
  } catch (err) {
    return { error: (err as Error).message }
  }
  let script: string
  if (typeof props.script === 'string' && props.script) script = props.script
  else if (typeof props.script_path === 'string' && props.script_path) {
    const text = readText?.(record.repository, record.sourceRef, props.script_path)
    if (text === undefined) return { error: `could not load script_path ${props.script_path}: HTTP 404: invalid action` }
    script = text
  } else return { error: "'script' or 'script_path' must be supplied: wrong value type" }
  const recordTable = {
    action_name: action.name,
    hook_id: hook.id,
    run_id: runId,
    pre_run_id: '',
    event_type: record.eventType,
    commit_id: record.commitId ?? '',
    branch_id: record.branchId,
    source_ref: record.sourceRef,
    tag_id: record.tagId ?? '',
    repository_id: record.repository,
    storage_namespace: '',
    commit: { message: record.commit.message, meta_range_id: '', creation_date: '', version: 1, metadata: record.commit.metadata, parents: [] },
  }
  return { script, args, action: recordTable, user: record.user || record.commit.committer }
}
