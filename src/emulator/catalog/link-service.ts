/**
 * Objects whose bytes a client writes itself: addresses handed out for linking (getPhysicalAddress,
 * the pre-signed multipart upload and its parts), linked as staged entries (linkPhysicalAddress),
 * and entries staged at any address (stageObject).
 */
import { DEFAULT_CONTENT_TYPE, type Entry } from '../graveler/entry.js'
import { errors } from '../errors.js'
import type { ObjectService } from './object-service.js'
import type { RefService } from './ref-service.js'
import { type Branch, namespacePrefix, type Repository } from './repository.js'
import type { World } from './world.js'

/** What a client tells lakeFS of bytes it wrote (StagingMetadata, ObjectStageCreation). */
export interface LinkInput {
  /** The full address the bytes were written to. */
  readonly physicalAddress: string
  readonly checksum: string
  readonly size: number
  readonly contentType?: string
  readonly metadata: Readonly<Record<string, string>>
  /** Unix seconds to record instead of the time of the call. */
  readonly mtime?: number
  readonly ifNoneMatch?: string
  readonly force?: boolean
}

export class LinkService {
  constructor(
    private readonly world: World,
    private readonly refs: RefService,
    private readonly objects: ObjectService
  ) {}

  /**
   * controller.go normalizePhysicalAddress: an address under the namespace's `data/` prefix (where
   * lakeFS's PathProvider puts objects) is relative to the namespace; any other is FULL.
   */
  normalize(repo: Repository, physicalAddress: string): { address: string; relative: boolean } {
    const ns = namespacePrefix(repo)
    const relative = physicalAddress.startsWith(`${ns}data/`)
    return { address: relative ? physicalAddress.slice(ns.length) : physicalAddress, relative }
  }

  /**
   * getPhysicalAddress: a new address under the storage namespace, saved for linking (controller.go
   * GetPhysicalAddress, catalog SetLinkAddress). Returns it relative and in full.
   */
  issue(repoName: string, branchName: string): { repo: Repository; address: string; physicalAddress: string } {
    const repo = this.world.repository(repoName)
    this.world.branch(repo, branchName)
    const address = this.objects.newAddress()
    repo.linkAddresses.add(address)
    return { repo, address, physicalAddress: this.objects.physicalAddress(repo, { address, addressType: 'relative' } as Entry) }
  }

  /**
   * catalog VerifyLinkAddress, for the parts of a pre-signed multipart upload (uploadPart,
   * uploadPartCopy): the address must be relative and handed out for linking, and not yet linked.
   */
  verify(repoName: string, physicalAddress: string): { repo: Repository; address: string } {
    const repo = this.world.repository(repoName)
    const { address, relative } = this.normalize(repo, physicalAddress)
    if (!relative) throw errors.invalid('physical address must be relative to the storage namespace')
    if (!repo.linkAddresses.has(address)) throw errors.badAddressToken()
    return { repo, address }
  }

  /**
   * linkPhysicalAddress (controller.go LinkPhysicalAddress): an address in the namespace's data must be
   * one getPhysicalAddress gave (used once); any other is linked as a FULL address. Nothing is read.
   */
  link(repoName: string, branchName: string, path: string, input: LinkInput): { repo: Repository; entry: Entry } {
    const repo = this.world.repository(repoName)
    const { address, relative } = this.normalize(repo, input.physicalAddress)
    const branch = this.objects.writableBranch(repo, branchName, input.force)
    if (relative && !repo.linkAddresses.has(address)) throw errors.badAddressToken()
    const checksum = input.checksum.replace(/^[\s"]+|[\s"]+$/g, '')
    if (!checksum) throw errors.checksumRequired()
    this.#refuseExisting(repo, branch, path, input.ifNoneMatch)
    // Used once, and only by a link that succeeds.
    repo.linkAddresses.delete(address)
    return { repo, entry: this.#put(branch, path, { ...input, checksum }, address, relative, DEFAULT_CONTENT_TYPE) }
  }

  /**
   * stageObject (controller.go StageObject, deprecated): an entry at any address the blockstore takes,
   * nothing verified or read; the content type is kept as given, even empty.
   */
  stage(repoName: string, branchName: string, path: string, input: LinkInput): { repo: Repository; entry: Entry } {
    const repo = this.world.repository(repoName)
    const { address, relative } = this.normalize(repo, input.physicalAddress)
    const branch = this.objects.writableBranch(repo, branchName, input.force)
    return { repo, entry: this.#put(branch, path, input, address, relative, undefined) }
  }

  /** If-None-Match: * refuses a path that holds an object (412). */
  #refuseExisting(repo: Repository, branch: Branch, path: string, ifNoneMatch: string | undefined): void {
    if (ifNoneMatch === '*' && this.objects.lookup({ commit: this.refs.commit(repo, branch.head), branch }, path)) throw errors.objectExists()
  }

  #put(branch: Branch, path: string, input: LinkInput, address: string, relative: boolean, defaultType: string | undefined): Entry {
    const entry: Entry = {
      address,
      addressType: relative ? 'relative' : 'full',
      checksum: input.checksum,
      size: input.size,
      mtimeMs: input.mtime === undefined ? this.world.clock.now() : input.mtime * 1000,
      contentType: input.contentType || defaultType,
      metadata: { ...input.metadata },
    }
    branch.staging.set(path, entry)
    return entry
  }
}
