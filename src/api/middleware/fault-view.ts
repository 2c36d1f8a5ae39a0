/**
 * What the HTTP layer needs to know of the fault rules a scenario loaded: whether any rule acts on
 * HTTP calls (then the status poll lane steps aside, so every call meets the rules), and how often
 * each rule matched and fired (for metrics). The scenario engine implements it; the API layer
 * declares it, so nothing here depends on scenarios.
 */
export interface FaultView {
  readonly hasHttpRules: boolean
  stats(): readonly { readonly name: string; readonly matched: number; readonly fired: number }[]
}
