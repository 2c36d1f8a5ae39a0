/**
 * Webhooks out: the HTTP POST an action's webhook hook makes (the core's HookExecutor), with its
 * timeout on the emulator clock, so that on a manual clock a test times a hook out by advancing
 * time instead of waiting. The answer is read whole, as lakeFS dumps it into the hook's output.
 */
import { type Clock, sleep } from '../emulator/clock.js'
import type { HookExecutor, WebhookAnswer, WebhookCall } from '../emulator/actions/hook-port.js'

export class WebhookExecutor implements HookExecutor {
  constructor(private readonly clock: () => Clock) {}

  async post(call: WebhookCall): Promise<WebhookAnswer> {
    const clock = this.clock()
    const started = clock.now()
    const abort = new AbortController()
    const timedOut = sleep(clock, call.timeoutMs).then(() => 'timeout' as const)
    const answered = (async () => {
      const res = await fetch(call.url, { method: 'POST', headers: call.headers, body: call.body, signal: abort.signal })
      return { status: res.status, statusText: res.statusText, headers: [...res.headers.entries()] as [string, string][], body: await res.text() }
    })()
    try {
      const first = await Promise.race([answered, timedOut])
      const durationMs = clock.now() - started
      if (first === 'timeout') {
        abort.abort()
        answered.catch(() => undefined)
        // Go's http.Client words its timeout so.
        return { error: 'context deadline exceeded (Client.Timeout exceeded while awaiting headers)', durationMs }
      }
      return { ...first, durationMs }
    } catch (err) {
      const cause = (err as { cause?: { code?: string; message?: string } }).cause
      return { error: cause?.code === 'ECONNREFUSED' ? 'dial tcp: connect: connection refused' : (cause?.message ?? (err as Error).message), durationMs: clock.now() - started }
    }
  }
}
