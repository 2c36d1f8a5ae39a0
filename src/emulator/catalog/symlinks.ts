/**
 * Symlink files for Hive and Athena readers (controller.go CreateSymlinkFile, writeSymlink): for each
 * directory under a location on a ref, a `symlink.txt` listing its objects' full addresses, one per
 * line, at `symlinks/<repository>/<branch>/<directory>/symlink.txt` in the storage namespace.
 */
import type { ObjectService } from './object-service.js'
import { namespacePrefix, type Repository } from './repository.js'
import type { World } from './world.js'

/** lakeFS's catalog listing page (controller.go lists with amount -1, the default). */
const PAGE = 1000

export class SymlinkService {
  constructor(
    private readonly world: World,
    private readonly objects: ObjectService
  ) {}

  /**
   * Writes the files and returns the namespace's `symlinks` location. As lakeFS, the first directory
   * change also writes the (empty) file of the directory before it, which starts as "".
   */
  create(repoName: string, ref: string, location: string): string {
    const repo = this.world.repository(repoName)
    let current = ''
    let addresses: string[] = []
    let after = ''
    for (;;) {
      const page = this.objects.list(repoName, ref, { prefix: location, after, amount: PAGE })
      for (const item of page.results) {
        if (item.kind !== 'object') continue
        const slash = item.path.lastIndexOf('/')
        const dir = slash === -1 ? '' : item.path.slice(0, slash)
        const address = this.objects.physicalAddress(repo, item.entry)
        if (dir !== current) {
          this.#write(repo, ref, current, addresses)
          current = dir
          addresses = [address]
        } else addresses.push(address)
        after = item.path
      }
      if (!page.hasMore) break
    }
    if (addresses.length > 0) this.#write(repo, ref, current, addresses)
    return `${repo.settings.storageNamespace}/symlinks`
  }

  #write(repo: Repository, ref: string, dir: string, addresses: readonly string[]): void {
    this.world.store.put(`${namespacePrefix(repo)}symlinks/${repo.name}/${ref}/${dir}/symlink.txt`, Buffer.from(addresses.join('\n')), this.world.clock.now())
  }
}
