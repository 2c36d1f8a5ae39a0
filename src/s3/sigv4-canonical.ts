/**
 * The canonical forms SigV4 signs a request's path and query in, as AWS's documentation gives
 * them (every byte but unreserved ones encoded once, parameters sorted), with shortcuts for what is
 * already in that form: most paths and parameters are.
 */

/** A query parameter, name and value decoded (`+` as a space), in the order sent. */
export type QueryPair = readonly [name: string, value: string]

export function decodeQuery(rawQuery: string): QueryPair[] {
  const pairs: QueryPair[] = []
  if (!rawQuery) return pairs
  for (const pair of rawQuery.split('&')) {
    if (!pair) continue
    const i = pair.indexOf('=')
    pairs.push(i < 0 ? [safeDecode(pair), ''] : [safeDecode(pair.slice(0, i)), safeDecode(pair.slice(i + 1))])
  }
  return pairs
}

/** A path of unreserved characters and `/` only is its own canonical form (most are). */
const PLAIN_PATH = /^[A-Za-z0-9\-._~/]*$/

/** S3 signs the path encoded once, as a client encodes it: every byte but unreserved ones and `/`. */
export function canonicalUri(rawPath: string): string {
  if (PLAIN_PATH.test(rawPath)) return rawPath
  return rawPath
    .split('/')
    .map((segment) => uriEncode(safeDecode(segment)))
    .join('/')
}

/** Parameters encoded once and sorted by name, then value; a pre-signed URL's signature left out. */
export function canonicalQuery(query: readonly QueryPair[], presigned: boolean): string {
  // `name\0value` sorts as the pair does (no encoded name holds a \0, and \0 sorts first).
  const pairs: string[] = []
  for (const [name, value] of query) {
    const encoded = uriEncode(name)
    if (!(presigned && encoded === 'X-Amz-Signature')) pairs.push(`${encoded}\0${uriEncode(value)}`)
  }
  return pairs.sort().join('&').replaceAll('\0', '=')
}

const UNRESERVED = /^[A-Za-z0-9\-._~]*$/

/** AWS's URI encoding: unreserved characters as they are, every other UTF-8 byte as %XX. */
function uriEncode(value: string): string {
  if (UNRESERVED.test(value)) return value
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
}

function safeDecode(value: string): string {
  if (!value.includes('%') && !value.includes('+')) return value
  try {
    return decodeURIComponent(value.replace(/\+/g, '%20'))
  } catch {
    return value
  }
}
