/**
 * A number as `toLocaleString('en-US')` writes it (1,234,567.125: thousands separators, at most
 * three decimals, rounded) without loading the ICU locale data, which costs the CLI about 10 ms at start.
 */
export function withThousands(n: number): string {
  const abs = Math.round(Math.abs(n) * 1000) / 1000
  const [whole = '0', fraction] = String(abs).split('.')
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  return `${n < 0 || Object.is(n, -0) ? '-' : ''}${grouped}${fraction ? `.${fraction}` : ''}`
}
