/**
 * Misbehaviour an import can be given when it starts: stalls, failures, pace changes and
 * conflicts on its branch. The core applies them; scenarios decide which (through ImportHooks).
 */

export type ConflictKind = 'dirtyBranch' | 'concurrentCommit'

export type ImportEffect =
  /**
   * The walker stops once `atObjects` are ingested, for `forMs` (absent: for good). lakeFS's status
   * updater ticks on regardless: the count freezes and update_time keeps moving (lakeFS issue #6878).
   */
  | { readonly kind: 'stall'; readonly rule: string; readonly atObjects: number; readonly forMs?: number }
  /**
   * The lakeFS process dies once `atObjects` are ingested: nothing writes the status record again,
   * so it freezes whole (count and update_time) at the last tick, and nothing is committed.
   */
  | { readonly kind: 'crash'; readonly rule: string; readonly atObjects: number }
  /** The job fails once `atObjects` are ingested; clients see `import error: <message>`. */
  | { readonly kind: 'fail'; readonly rule: string; readonly atObjects: number; readonly message: string }
  /** The pace becomes `objectsPerSecond` once `atObjects` are ingested. */
  | { readonly kind: 'throttle'; readonly rule: string; readonly atObjects: number; readonly objectsPerSecond: number }
  /** Just before the commit, something else changes the branch. */
  | { readonly kind: 'conflict'; readonly rule: string; readonly conflict: ConflictKind }

/** What the core tells hooks about an import it is starting. */
export interface ImportStart {
  readonly id: string
  readonly repository: string
  readonly branch: string
  /** Emulator time, epoch ms. */
  readonly time: number
}

/** The seam through which scenarios give a starting import its effects. */
export interface ImportHooks {
  effectsFor(start: ImportStart): readonly ImportEffect[]
}

/** An effect as applied to one job: when it fired and, for a stall, when it ends. */
export interface AppliedEffect {
  readonly effect: ImportEffect
  /** Emulator time it took effect; absent while pending (or if never reached). */
  firedAt?: number
  /** For a stall: when progress resumes (Infinity: until cancelled). */
  endsAt?: number
}

/** Effects that trigger at an object count, in the order they fire. */
export function thresholdOrder(effects: readonly AppliedEffect[]): AppliedEffect[] {
  const at = (a: AppliedEffect) => ('atObjects' in a.effect ? a.effect.atObjects : Infinity)
  return effects.filter((a) => a.effect.kind !== 'conflict').sort((a, b) => at(a) - at(b))
}
