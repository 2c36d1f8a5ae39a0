/**
 * What the actions engine needs from outside the core (declared here, implemented by the
 * webhooks wire layer and the catalog): an HTTP POST for a webhook, and the action files on a ref.
 */

export interface WebhookCall {
  /** The URL with its query already encoded. */
  readonly url: string
  readonly headers: Readonly<Record<string, string>>
  readonly body: string
  /** Emulator milliseconds before the call is abandoned. */
  readonly timeoutMs: number
  /** What the call is for (fault rules match on it). */
  readonly about: { readonly repository: string; readonly branch: string; readonly eventType: string }
}

export type WebhookAnswer =
  | { readonly status: number; readonly statusText: string; readonly headers: readonly (readonly [string, string])[]; readonly body: string; readonly durationMs: number }
  | { readonly error: string; readonly durationMs: number }

export interface HookExecutor {
  post(call: WebhookCall): Promise<WebhookAnswer>
}

/** An action file on a ref: its path and bytes. */
export interface ActionFile {
  readonly path: string
  readonly text: string
}

/** Lists `_lakefs_actions/` on a ref (with a branch's staged changes, as lakeFS's source reads it). */
export type ActionSource = (repository: string, ref: string) => readonly ActionFile[]

/** What a Lua hook runs with (pkg/actions/lua.go): its script, `args`, the `action` record and the user. */
export interface LuaHookInput {
  readonly script: string
  readonly args: Readonly<Record<string, unknown>>
  readonly action: Readonly<Record<string, unknown>>
  readonly user: string
}

/** Runs a Lua hook; its printed output, and the error that failed it. */
export interface LuaHookRunner {
  run(input: LuaHookInput): Promise<{ output: string; error?: string }>
}

/** Reads an object's text on a ref (a Lua hook's `script_path`), undefined when there is none. */
export type ObjectText = (repository: string, ref: string, path: string) => string | undefined

/** What the actions service reaches outside the core through. */
export interface HookPorts {
  readonly webhooks?: HookExecutor
  readonly lua?: LuaHookRunner
  readonly readText?: ObjectText
  /** What `{{ ENV.NAME }}` reads. */
  readonly env?: (name: string) => string | undefined
}
