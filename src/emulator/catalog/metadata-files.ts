/**
 * lakeFS's metadata objects: a metarange or range lives at `_lakefs/<id>` in the storage namespace
 * (pyramid TierFS GetRemoteURI under committedBlockStoragePrefix), which getMetaRange and getRange
 * name without looking (graveler/committed/meta_range_manager.go GetMetaRangeURI, GetRangeURI).
 *
 * lakeFS writes them as Pebble SSTables when it commits; no well-kept JavaScript library reads or
 * writes that format. The emulator writes the bytes each ID hashes (graveler/metarange.ts
 * metaRangeBytes, rangeBytes: `<len>key|<len>value|` records, then the trailer), so a file's SHA-256
 * is its ID; and it writes a file when it is first named, not at commit time (docs/differences.md).
 */
import { metaRangeBytes, rangeBytes } from '../graveler/metarange.js'
import { namespaceUri, type Repository } from './repository.js'
import type { World } from './world.js'

export type MetadataType = 'meta_range' | 'range'

export class MetadataFiles {
  constructor(private readonly world: World) {}

  /** The address lakeFS answers (relative to the namespace), with the file written there when the ID is known. */
  address(repoName: string, type: MetadataType, id: string): string {
    const repo = this.world.repository(repoName)
    this.#materialize(repo, type, id)
    return `_lakefs/${id}`
  }

  /** The full URI of the file in the store, once written; undefined when there is none (lakeFS: "not found"). */
  locate(repoName: string, type: MetadataType, id: string): { repo: Repository; uri: string } | undefined {
    const repo = this.world.repository(repoName)
    // An ID is one path segment: nothing outside `_lakefs/` is read through it.
    if (id.includes('/') || id === '.' || id === '..' || id === '') return undefined
    this.#materialize(repo, type, id)
    const uri = namespaceUri(repo, id)
    return this.world.store.stat(uri) ? { repo, uri } : undefined
  }

  #materialize(repo: Repository, type: MetadataType, id: string): void {
    const { ranges, store, clock } = this.world
    const known = type === 'meta_range' ? ranges.hasMetaRange(id) : ranges.hasRange(id)
    const uri = namespaceUri(repo, id)
    if (!known || store.stat(uri)) return
    const bytes = type === 'meta_range' ? metaRangeBytes(ranges.metaRange(id).ranges) : rangeBytes(ranges.reader(id))
    store.put(uri, bytes, clock.now())
  }
}
