/**
 * The bytes of recently read small files, least recently read dropped first, within a byte budget.
 * memfs checks permissions on every open, and on Linux that asks the kernel for the process's uid
 * and gid each time: on some VMs that is as slow as sending the answer. The store owns its volume
 * (nothing else writes to it), so it keeps what it read here and forgets a file when it writes or
 * removes it. Callers must not change the bytes they are given.
 */
export class ReadCache {
  readonly #files = new Map<string, Uint8Array>()
  #bytes = 0
  /** The most recently read file: read again, it is already last in line. */
  #last = ''

  constructor(
    /** The most bytes kept in all. */
    readonly budget = 16 * 2 ** 20,
    /** Larger files are never kept (their reads cost far more than an open). */
    readonly largest = 256 * 2 ** 10
  ) {}

  /** The file's bytes, read with `read` unless kept. */
  get(file: string, read: () => Uint8Array): Uint8Array {
    const kept = this.#files.get(file)
    if (kept) {
      // Most recently read last: Map keeps insertion order.
      if (file !== this.#last) {
        this.#files.delete(file)
        this.#files.set(file, kept)
        this.#last = file
      }
      return kept
    }
    const bytes = read()
    if (bytes.length > this.largest) return bytes
    this.#files.set(file, bytes)
    this.#last = file
    this.#bytes += bytes.length
    for (const [oldest, dropped] of this.#files) {
      if (this.#bytes <= this.budget) break
      this.#files.delete(oldest)
      this.#bytes -= dropped.length
    }
    return bytes
  }

  /** Forgets a file that is written or removed. */
  forget(file: string): void {
    const kept = this.#files.get(file)
    if (!kept) return
    if (file === this.#last) this.#last = ''
    this.#files.delete(file)
    this.#bytes -= kept.length
  }
}
