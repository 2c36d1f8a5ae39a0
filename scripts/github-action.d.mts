/** Types of github-action.mjs (a script, shared by a test and .ci/check-package.mjs). */
export interface ActionOutcome {
  readonly env: Record<string, string>
  readonly outputs: Record<string, Record<string, string>>
  readonly ran: string[]
  readonly uploads: Record<string, string>[]
  readonly failed: boolean
  readonly log: string
}

export function runAction(actionDir: string, given: Record<string, string>, job: Record<string, string>): ActionOutcome
