/**
 * The lakeFS operations an app serves, read from the routes its OpenAPI document is made of: which
 * operation a request is (for the journal and fault rules) and which statuses each declares (for
 * coverage).
 */

export interface ServedOperation {
  readonly operationId: string
  readonly method: string
  /** OpenAPI template, e.g. /repositories/{repository}/branches/{branch}/import */
  readonly path: string
  /** Statuses the operation declares, as lakeFS's spec does ("default" left out). */
  readonly statuses: readonly number[]
}

export interface ResolvedOperation {
  readonly operationId: string
  readonly params: Readonly<Record<string, string>>
}

/** A route as @hono/zod-openapi registers it (`openAPIRegistry.definitions`), the source of its document's `paths`. */
export interface RouteDefinition {
  readonly type: string
  readonly route?: { readonly method: string; readonly path: string; readonly operationId?: string; readonly responses?: Record<string, unknown> }
}

export function servedOperations(definitions: readonly RouteDefinition[]): ServedOperation[] {
  const out: ServedOperation[] = []
  // From the registered routes rather than the generated document, which takes ~40 ms to build
  // and is only needed when /openapi.json is asked for.
  for (const { route } of definitions) {
    if (!route?.operationId) continue
    const statuses = Object.keys(route.responses ?? {}).filter((s) => /^\d{3}$/.test(s)).map(Number)
    out.push({ operationId: route.operationId, method: route.method.toUpperCase(), path: route.path, statuses: statuses.sort((a, b) => a - b) })
  }
  return out.sort((a, b) => (a.operationId < b.operationId ? -1 : 1))
}

interface Matcher {
  readonly op: ServedOperation
  readonly pattern: RegExp
  readonly names: readonly string[]
  readonly staticSegments: number
}

/** Maps a method and a path (relative to /api/v1) to the operation that serves it. */
export class OperationResolver {
  readonly #matchers: Matcher[]

  constructor(operations: readonly ServedOperation[]) {
    this.#matchers = operations
      .map((op) => {
        const names: string[] = []
        const segments = op.path.split('/').slice(1)
        const source = segments
          .map((s) => {
            const param = /^\{(.+)\}$/.exec(s)
            if (!param) return s.replace(/[.*+?^$()|[\]\\]/g, '\\$&')
            names.push(param[1]!)
            return '([^/]+)'
          })
          .join('/')
        const staticSegments = segments.filter((s) => !s.startsWith('{')).length
        return { op, pattern: new RegExp(`^/${source}/?$`), names, staticSegments }
      })
      // More literal paths win over parameterised ones, as in routers.
      .sort((a, b) => b.staticSegments - a.staticSegments)
  }

  resolve(method: string, path: string): ResolvedOperation | undefined {
    return this.#find(method, path) ?? (method === 'HEAD' ? this.#find('GET', path) : undefined)
  }

  #find(method: string, path: string): ResolvedOperation | undefined {
    for (const m of this.#matchers) {
      if (m.op.method !== method) continue
      const match = m.pattern.exec(path)
      if (!match) continue
      const params: Record<string, string> = {}
      m.names.forEach((name, i) => {
        try {
          params[name] = decodeURIComponent(match[i + 1]!)
        } catch {
          params[name] = match[i + 1]!
        }
      })
      return { operationId: m.op.operationId, params }
    }
    return undefined
  }
}
