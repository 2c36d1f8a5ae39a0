/**
 * The poll lane. importStatus is what import clients call in a loop, often from many workers at
 * once, so the emulator answers the ordinary poll before routing: a GET with exactly `?id=`,
 * valid credentials, a known import and no HTTP fault rule in the scenario gets the same bytes,
 * headers and journal entry as the route gives, at about the speed of a bare Hono handler
 * (routing, validators and middleware cost two thirds of a poll).
 *
 * Anything else (another query, a percent-encoded segment, bad credentials, an unknown id, a
 * scenario with HTTP fault rules) gets undefined and takes the full route, so every error and
 * every fault is the route's own.
 */
import type { Clock } from '../../emulator/clock.js'
import type { Emulator } from '../../emulator/emulator.js'
import type { FaultView } from './fault-view.js'
import { userOf } from '../lakefs/auth.js'
import { statusJson } from '../lakefs/dto.js'
import type { Journal } from '../observability/journal.js'
import { jsonResponse } from './nosniff-json.js'

export interface PollLaneDeps {
  readonly emulator: Emulator
  readonly journal: Journal
  /** The current engine and clock (a scenario reload replaces them). */
  readonly faults: () => FaultView
  readonly clock: () => Clock
}

const POLL = /^\/api\/v1\/repositories\/([^/%]+)\/branches\/[^/%]+\/import\?id=([^&%+#]+)$/

export function statusPollLane({ emulator, journal, faults, clock }: PollLaneDeps): (request: Request, requestId: string) => Response | undefined {
  return (request, requestId) => {
    if (request.method !== 'GET' || faults().hasHttpRules) return undefined
    const url = request.url
    const target = url.slice(url.indexOf('/', url.indexOf('//') + 2))
    const match = POLL.exec(target)
    if (!match) return undefined
    const [, repository, id] = match as unknown as [string, string, string]
    if (userOf(emulator, request.headers.get('Authorization') ?? undefined) === undefined) return undefined
    const job = emulator.imports.find(repository, id)
    if (!job) return undefined
    const q = target.indexOf('?')
    const at = clock().now()
    const record = journal.begin(at, 'GET', target.slice(0, q), target.slice(q), 'importStatus', requestId)
    const response = jsonResponse(statusJson(job.status), 200, requestId)
    journal.finish(record, 200, clock().now() - at)
    return response
  }
}
