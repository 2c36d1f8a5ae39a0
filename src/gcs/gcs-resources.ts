/** The JSON resources GCS answers with: `storage#object`, `storage#bucket`, and their lists. */
import type { GcsObject } from './gcs-objects.js'

const iso = (ms: number) => new Date(ms).toISOString()
const enc = encodeURIComponent

export function objectResource(origin: string, o: GcsObject, crc32c: string) {
  const { stored } = o
  const md5 = /^[0-9a-f]{32}$/.test(stored.etag) ? Buffer.from(stored.etag, 'hex').toString('base64') : undefined
  const metadata = stored.metadata && Object.keys(stored.metadata).length ? stored.metadata : undefined
  return {
    kind: 'storage#object',
    id: `${o.bucket}/${o.name}/${o.generation}`,
    selfLink: `${origin}/storage/v1/b/${enc(o.bucket)}/o/${enc(o.name)}`,
    mediaLink: `${origin}/download/storage/v1/b/${enc(o.bucket)}/o/${enc(o.name)}?generation=${o.generation}&alt=media`,
    name: o.name,
    bucket: o.bucket,
    generation: o.generation,
    metageneration: String(o.metageneration),
    contentType: stored.contentType ?? 'application/octet-stream',
    storageClass: 'STANDARD',
    size: String(stored.size),
    ...(md5 !== undefined && { md5Hash: md5 }),
    crc32c,
    ...(o.components !== undefined && { componentCount: o.components }),
    etag: Buffer.from(`${o.generation}/${o.metageneration}`).toString('base64'),
    timeCreated: iso(stored.lastModified),
    updated: iso(stored.lastModified),
    timeStorageClassUpdated: iso(stored.lastModified),
    ...(metadata && { metadata }),
  }
}

export function bucketResource(origin: string, b: { name: string; created: number }) {
  return {
    kind: 'storage#bucket',
    id: b.name,
    selfLink: `${origin}/storage/v1/b/${enc(b.name)}`,
    projectNumber: '0',
    name: b.name,
    timeCreated: iso(b.created),
    updated: iso(b.created),
    metageneration: '1',
    location: 'US',
    locationType: 'multi-region',
    storageClass: 'STANDARD',
    etag: 'CAE=',
    iamConfiguration: { uniformBucketLevelAccess: { enabled: false }, publicAccessPrevention: 'inherited' },
  }
}
