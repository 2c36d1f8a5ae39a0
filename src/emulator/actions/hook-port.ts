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
