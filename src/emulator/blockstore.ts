/** The installation's blockstore: which URIs it can import, and how lakeFS describes it in /config. */

export type BlockstoreType = 's3' | 'gs' | 'azure' | 'local'

export interface BlockstoreSettings {
  readonly type: BlockstoreType
  /** lakeFS `blockstore.local.import_enabled`; s3, gs and azure always import. */
  readonly importEnabled: boolean
  /** lakeFS `blockstore.local.import_hidden`: import files whose names start with `.`. */
  readonly importHidden: boolean
  /** Whether the adapter hands out pre-signed URLs (lakeFS's S3 adapter does, unless disabled). */
  readonly preSign?: boolean
}

/** A parsed object-store URI: `root` is scheme + bucket/container, `key` the rest. */
export interface StorageUri {
  readonly type: BlockstoreType
  readonly root: string
  readonly key: string
}

const AZURE = /^(https?:\/\/[^/]+\.blob\.core\.windows\.net\/[^/]+)(?:\/(.*))?$/s

export function parseStorageUri(uri: string): StorageUri | undefined {
  const s3gs = /^(s3|gs):\/\/([^/]+)(?:\/(.*))?$/s.exec(uri)
  if (s3gs) {
    return { type: s3gs[1] as 's3' | 'gs', root: `${s3gs[1]}://${s3gs[2]}/`, key: s3gs[3] ?? '' }
  }
  const azure = AZURE.exec(uri)
  if (azure) return { type: 'azure', root: `${azure[1]}/`, key: azure[2] ?? '' }
  if (uri.startsWith('local://')) return { type: 'local', root: 'local://', key: uri.slice(8) }
  return undefined
}

/** What `/config` says about this blockstore (controller.go getStorageConfig, per adapter). */
export function describeBlockstore(b: BlockstoreSettings) {
  const byType = {
    s3: { example: 's3://example-bucket/', regex: '^s3://', prefix: 's3://' },
    gs: { example: 'gs://example-bucket/', regex: '^gs://', prefix: 'gs://' },
    azure: {
      example: 'https://mystorageaccount.blob.core.windows.net/mycontainer/',
      regex: '^https?://[a-z0-9_-]+\\.(blob|adls)\\.core\\.windows\\.net',
      prefix: 'https://',
    },
    local: { example: 'local://example-bucket/', regex: '^local://', prefix: 'local://' },
  }[b.type]
  return {
    blockstoreType: b.type,
    namespaceExample: byType.example,
    namespaceValidityRegex: byType.regex,
    importValidityRegex: byType.regex,
    defaultNamespacePrefix: byType.prefix,
    importSupport: b.type !== 'local' || b.importEnabled,
  }
}

/**
 * The storage class lakeFS's adapter reports for an object in the fake store (block.Properties from
 * GetProperties): S3's HeadObject names none for its standard class (""), Azure's the blob's access
 * tier (Hot, as Azurite infers it), GCS's and the local adapter's none at all (null).
 */
export function storageClassOf(type: BlockstoreType): string | null {
  return type === 's3' ? '' : type === 'azure' ? 'Hot' : null
}
