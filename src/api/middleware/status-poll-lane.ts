/**
 * The poll lane. importStatus is what import clients call in a loop, often from many workers at
 * once, so the emulator answers the ordinary poll before routing: a GET with exactly `?id=`,
 * valid credentials, a known import and no HTTP fault rule in the scenario gets the same bytes,
 * headers and journal entry as the route gives. On a port it is answered on the socket, before
 * @hono/node-server makes a Request (nodePollLane); in process, in front of `app.fetch`
 * (statusPollLane). Routing, validators and middleware cost two thirds of a poll.
 *
 * Anything else (another query, a percent-encoded segment, bad credentials, an unknown id, a
 * scenario with HTTP fault rules) gets undefined and takes the full route, so every error and
 * every fault is the route's own.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Clock } from '../../emulator/clock.js'
import type { Emulator } from '../../emulator/emulator.js'
import type { FaultView } from './fault-view.js'
import { userOf } from '../lakefs/auth.js'
import { statusJson } from '../lakefs/dto.js'
import type { Journal } from '../observability/journal.js'
import { jsonResponse } from './nosniff-json.js'
import type { RequestIds } from './request-id.js'

export interface PollLaneDeps {
  readonly emulator: Emulator
  readonly journal: Journal
  /** The current engine and clock (a scenario reload replaces them). */
  readonly faults: () => FaultView
  readonly clock: () => Clock
}

const POLL = /^\/api\/v1\/repositories\/([^/%]+)\/branches\/[^/%]+\/import\?id=([^&%+#]+)$/

/** The poll lane's answer to a request: the status JSON (200), or undefined for the full route. */
export type PollAnswer = (method: string | undefined, target: string, authorization: string | undefined, requestId: () => string) => string | undefined

export function pollAnswer({ emulator, journal, faults, clock }: PollLaneDeps): PollAnswer {
  // A poller sends the same Basic credentials every time: the user they name is remembered for that
  // header while the credentials stay as they are (bearer tokens expire, so they are checked each time).
  let known: { header: string; auth: object; generation: number; user: string } | undefined
  const userFor = (header: string | undefined): string | undefined => {
    const auth = emulator.auth
    if (known && header === known.header && auth === known.auth && auth.generation === known.generation) return known.user
    const user = userOf(emulator, header)
    if (user !== undefined && header?.startsWith('Basic ')) known = { header, auth, generation: auth.generation, user }
    return user
  }
  return (method, target, authorization, requestId) => {
    if (method !== 'GET' || faults().hasHttpRules) return undefined
    const match = POLL.exec(target)
    if (!match) return undefined
    const [, repository, id] = match as unknown as [string, string, string]
    if (userFor(authorization) === undefined) return undefined
    const job = emulator.imports.find(repository, id)
    if (!job) return undefined
    const q = target.indexOf('?')
    const at = clock().now()
    const record = journal.begin(at, 'GET', target.slice(0, q), target.slice(q), 'importStatus', requestId())
    const text = statusJson(job.status)
    journal.finish(record, 200, clock().now() - at)
    return text
  }
}

/**
 * The lane in front of the HTTP server's request listener, before any Request is made: answers a poll
 * on the socket as the route would (the same headers in the same order; Node adds Content-Length,
 * Date and Connection as it does for the route), or returns false for the listener to go on. An id
 * is taken only for a request it answers, so ids run on as they do without it.
 */
export function nodePollLane(deps: PollLaneDeps, ids: RequestIds): (req: IncomingMessage, res: ServerResponse) => boolean {
  const answer = pollAnswer(deps)
  return (req, res) => {
    let requestId = ''
    const text = answer(req.method, req.url ?? '', req.headers.authorization, () => (requestId = ids.nextFor(req.headers['x-request-id'] as string | undefined)))
    if (text === undefined) return false
    res.statusCode = 200
    res.setHeader('content-type', 'application/json')
    res.setHeader('x-content-type-options', 'nosniff')
    res.setHeader('x-request-id', requestId)
    res.end(text)
    return true
  }
}

/** The lane in front of `app.fetch`: a Response, or undefined for the full route. */
export function statusPollLane(deps: PollLaneDeps): (request: Request, requestId: string) => Response | undefined {
  const answer = pollAnswer(deps)
  return (request, requestId) => {
    const url = request.url
    const text = answer(request.method, url.slice(url.indexOf('/', url.indexOf('//') + 2)), request.headers.get('Authorization') ?? undefined, () => requestId)
    return text === undefined ? undefined : jsonResponse(text, 200, requestId)
  }
}
