/**
 * A data directory (`--data-dir`): the world kept on disk so that a restarted emulator has
 * everything it acknowledged, as Azurite keeps its data.
 *
 * Layout: `state.json` (the manifest: format version, the world's snapshot, the store's changes),
 * `ranges/<id>.json` (graveler ranges, immutable and content-addressed) and `blobs/<sha256>` (bytes
 * written to the fake store), and `lock` (the pid of the emulator using it).
 *
 * Crash safety: every file is written to a temporary name, fsynced and renamed into place, and the
 * directory fsynced; ranges and blobs before the manifest that refers to them. A kill at any moment
 * leaves the previous manifest or the new one, each whole, never a mix.
 */
import { createHash } from 'node:crypto'
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, unlinkSync, writeFileSync, writeSync } from 'node:fs'
import { join } from 'node:path'

/** The on-disk format this version writes and reads. */
export const DATA_FORMAT_VERSION = 1
const FORMAT = 'lakefs-emulator data directory'

export class DataDirError extends Error {
  override name = 'DataDirError'
}

export interface Manifest<T> {
  readonly format: typeof FORMAT
  readonly version: number
  /** The lakefs-emulator version that wrote it. */
  readonly writtenBy: string
  readonly content: T
}

export class DataDir {
  readonly #ranges = new Set<string>()
  readonly #blobs = new Set<string>()
  #locked = false

  private constructor(
    readonly path: string,
    private readonly writtenBy: string
  ) {}

  /**
   * Opens (creating it if need be) and locks a data directory. Refuses a directory that holds
   * something else, one written in another format version, and one another live emulator uses.
   */
  static open(path: string, writtenBy: string): DataDir {
    mkdirSync(path, { recursive: true })
    const dir = new DataDir(path, writtenBy)
    const entries = readdirSync(path)
    const ours = new Set(['state.json', 'ranges', 'blobs', 'lock'])
    const stray = entries.filter((e) => !ours.has(e) && !e.endsWith('.tmp'))
    if (stray.length > 0 && !entries.includes('state.json')) {
      throw new DataDirError(`--data-dir ${path} is not a lakefs-emulator data directory (it holds ${stray.slice(0, 3).join(', ')}${stray.length > 3 ? ', ...' : ''}); give an empty or new directory`)
    }
    dir.#checkVersion()
    dir.#lock()
    for (const sub of ['ranges', 'blobs']) mkdirSync(join(path, sub), { recursive: true })
    for (const f of readdirSync(join(path, 'ranges'))) if (f.endsWith('.json')) dir.#ranges.add(f.slice(0, -5))
    for (const f of readdirSync(join(path, 'blobs'))) if (!f.endsWith('.tmp')) dir.#blobs.add(f)
    return dir
  }

  #checkVersion(): void {
    const manifest = this.#readManifest()
    if (manifest && (manifest.format !== FORMAT || manifest.version !== DATA_FORMAT_VERSION)) {
      throw new DataDirError(
        `--data-dir ${this.path} was written by lakefs-emulator ${manifest.writtenBy ?? '(unknown)'} in data format ${manifest.version}; ` +
          `this is lakefs-emulator ${this.writtenBy}, which reads format ${DATA_FORMAT_VERSION}. Use that version, or another directory`
      )
    }
  }

  #lock(): void {
    const file = join(this.path, 'lock')
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        const fd = openSync(file, 'wx')
        writeSync(fd, `${process.pid} ${performance.timeOrigin}\n`)
        closeSync(fd)
        this.#locked = true
        return
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err
        // The pid, and when that process started: in a container the emulator is pid 1 every time,
        // so a lock with our pid is ours only if it is also from this start.
        const [pid, origin] = readFileSync(file, 'utf8').trim().split(' ').map(Number)
        const ours = pid === process.pid && origin === performance.timeOrigin
        if (ours || (pid !== process.pid && alive(pid!))) throw new DataDirError(`--data-dir ${this.path} is in use by another lakefs-emulator (pid ${pid})`)
        unlinkSync(file) // left by a process that is gone
      }
    }
  }

  /** The saved content, or undefined for a new directory. */
  read<T>(): T | undefined {
    return this.#readManifest()?.content as T | undefined
  }

  #readManifest(): Partial<Manifest<unknown>> | undefined {
    const file = join(this.path, 'state.json')
    if (!existsSync(file)) return undefined
    try {
      return JSON.parse(readFileSync(file, 'utf8')) as Partial<Manifest<unknown>>
    } catch (err) {
      throw new DataDirError(`--data-dir ${this.path}: state.json cannot be read (${(err as Error).message})`)
    }
  }

  /** Replaces the manifest, atomically and durably. */
  save<T>(content: T): void {
    const manifest: Manifest<T> = { format: FORMAT, version: DATA_FORMAT_VERSION, writtenBy: this.writtenBy, content }
    this.#durable(join(this.path, 'state.json'), JSON.stringify(manifest))
  }

  hasRange(id: string): boolean {
    return this.#ranges.has(id)
  }

  keepRange(id: string, records: unknown): void {
    if (this.#ranges.has(id)) return
    this.#durable(join(this.path, 'ranges', `${id}.json`), JSON.stringify(records))
    this.#ranges.add(id)
  }

  readRange<T>(id: string): T {
    return JSON.parse(readFileSync(join(this.path, 'ranges', `${id}.json`), 'utf8')) as T
  }

  /** Keeps bytes under their SHA-256 and returns that name. */
  keepBlob(bytes: Uint8Array): string {
    const name = createHash('sha256').update(bytes).digest('hex')
    if (!this.#blobs.has(name)) {
      this.#durable(join(this.path, 'blobs', name), bytes)
      this.#blobs.add(name)
    }
    return name
  }

  readBlob(name: string): Uint8Array {
    return readFileSync(join(this.path, 'blobs', name))
  }

  /** Deletes blobs nothing refers to any more (objects overwritten or deleted). */
  dropBlobsExcept(used: ReadonlySet<string>): void {
    for (const name of [...this.#blobs]) {
      if (used.has(name)) continue
      rmSync(join(this.path, 'blobs', name), { force: true })
      this.#blobs.delete(name)
    }
  }

  /** Releases the lock. */
  close(): void {
    if (this.#locked) rmSync(join(this.path, 'lock'), { force: true })
    this.#locked = false
  }

  /** Write to a temporary file, fsync, rename over the target, fsync the directory. */
  #durable(file: string, data: string | Uint8Array): void {
    const tmp = `${file}.tmp`
    const fd = openSync(tmp, 'w')
    try {
      writeFileSync(fd, data)
      fsyncSync(fd)
    } finally {
      closeSync(fd)
    }
    renameSync(tmp, file)
    const dirFd = openSync(join(file, '..'), 'r')
    try {
      fsyncSync(dirFd)
    } finally {
      closeSync(dirFd)
    }
  }
}

function alive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}
