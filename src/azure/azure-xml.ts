/** Azure's XML bodies: container and blob listings (EnumerationResults), and a Put Block List's ids. */
import type { AzureBlobs } from './azure-blobs.js'
import { azureErrors, escapeXml as x } from './azure-errors.js'

const httpDate = (ms: number) => new Date(ms).toUTCString()
const PAST = '\u{10FFFF}'

function page<T>(items: readonly T[], marker: string | null, max: number, key: (t: T) => string) {
  const from = marker ? items.findIndex((t) => key(t) > marker) : 0
  const rest = from < 0 ? [] : items.slice(from)
  return { shown: rest.slice(0, max), next: rest.length > max ? key(rest[max - 1]!) : '' }
}

export function containerList(url: URL, blobs: AzureBlobs): string {
  const q = url.searchParams
  const prefix = q.get('prefix') ?? ''
  const max = Math.min(Number(q.get('maxresults') ?? 5000) || 5000, 5000)
  const withMetadata = (q.get('include') ?? '').includes('metadata')
  const all = blobs.containers().filter((c) => c.name.startsWith(prefix))
  const { shown, next } = page(all, q.get('marker'), max, (c) => c.name)
  const items = shown
    .map((c) => {
      const meta = withMetadata ? metadataXml(blobs.state.containerMetadata.get(blobs.root(c.name))) : ''
      return `<Container><Name>${x(c.name)}</Name><Properties><Last-Modified>${httpDate(c.created)}</Last-Modified><Etag>"0x${(BigInt(c.created) * 10000n + 621355968000000000n).toString(16).toUpperCase()}"</Etag><LeaseStatus>unlocked</LeaseStatus><LeaseState>available</LeaseState><HasImmutabilityPolicy>false</HasImmutabilityPolicy><HasLegalHold>false</HasLegalHold></Properties>${meta}</Container>`
    })
    .join('')
  return `<EnumerationResults ServiceEndpoint="${x(`${url.origin}/${url.pathname.split('/')[1]}/`)}">${prefix ? `<Prefix>${x(prefix)}</Prefix>` : ''}${q.get('marker') ? `<Marker>${x(q.get('marker')!)}</Marker>` : ''}<MaxResults>${max}</MaxResults><Containers>${items}</Containers><NextMarker>${x(next)}</NextMarker></EnumerationResults>`
}

export function blobList(url: URL, blobs: AzureBlobs, container: string): string {
  const q = url.searchParams
  const prefix = q.get('prefix') ?? ''
  const delimiter = q.get('delimiter') ?? ''
  const marker = q.get('marker') ?? ''
  const max = Math.min(Number(q.get('maxresults') ?? 5000) || 5000, 5000)
  const withMetadata = (q.get('include') ?? '').includes('metadata')
  // The marker is the last name given (a prefix's is followed by a character past every key under it).
  const result = blobs.list(container, { prefix, delimiter, after: marker, maxKeys: max })
  const items = result.items
    .map((i) => {
      if (i.kind === 'prefix') return `<BlobPrefix><Name>${x(i.prefix)}</Name></BlobPrefix>`
      const s = i.stored
      const md5 = blobs.md5(s)
      const meta = withMetadata ? metadataXml(s.metadata) : ''
      return `<Blob><Name>${x(i.key)}</Name><Properties><Creation-Time>${httpDate(s.lastModified)}</Creation-Time><Last-Modified>${httpDate(s.lastModified)}</Last-Modified><Etag>${x(s.etag)}</Etag><Content-Length>${s.size}</Content-Length><Content-Type>${x(s.contentType ?? 'application/octet-stream')}</Content-Type><Content-Encoding /><Content-Language /><Content-CRC64 />${md5 ? `<Content-MD5>${md5}</Content-MD5>` : '<Content-MD5 />'}<Cache-Control /><Content-Disposition /><BlobType>BlockBlob</BlobType><AccessTier>Hot</AccessTier><AccessTierInferred>true</AccessTierInferred><LeaseStatus>unlocked</LeaseStatus><LeaseState>available</LeaseState><ServerEncrypted>true</ServerEncrypted></Properties>${meta}</Blob>`
    })
    .join('')
  const last = result.items.at(-1)
  const next = result.truncated && last ? (last.kind === 'prefix' ? last.prefix + PAST : last.key) : ''
  const base = `${url.origin}/${url.pathname.split('/')[1]}/`
  return `<EnumerationResults ServiceEndpoint="${x(base)}" ContainerName="${x(container)}">${prefix ? `<Prefix>${x(prefix)}</Prefix>` : ''}${marker ? `<Marker>${x(marker)}</Marker>` : ''}<MaxResults>${max}</MaxResults>${delimiter ? `<Delimiter>${x(delimiter)}</Delimiter>` : ''}<Blobs>${items}</Blobs><NextMarker>${x(next)}</NextMarker></EnumerationResults>`
}

/** `<Metadata>` with one element per pair; nothing when there are none (the client then reads no metadata). */
function metadataXml(metadata: Readonly<Record<string, string>> | undefined): string {
  const pairs = Object.entries(metadata ?? {})
  return pairs.length ? `<Metadata>${pairs.map(([k, v]) => `<${k}>${x(v)}</${k}>`).join('')}</Metadata>` : ''
}

/** The ids of a Put Block List body, in order (`Latest`, `Uncommitted` or `Committed`: all taken from what is staged). */
export function blockListIds(body: string): string[] {
  if (!/<BlockList>/.test(body)) throw azureErrors.invalidInput('The request body is not a BlockList.')
  return [...body.matchAll(/<(Latest|Uncommitted|Committed)>([^<]*)<\/\1>/g)].map((m) => m[2]!.trim())
}
