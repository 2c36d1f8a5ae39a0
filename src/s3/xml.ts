/**
 * The XML S3 speaks: documents written from plain objects (S3's element order is the objects' key
 * order), and a small reader for the request bodies S3 takes (`CompleteMultipartUpload`, `Delete`).
 */
import { type S3Error, s3Errors } from './s3-errors.js'

const S3_NAMESPACE = 'http://s3.amazonaws.com/doc/2006-03-01/'

/** An element's content: text, children (arrays repeat the element), or absent (left out). */
export type XmlValue = string | number | boolean | undefined | XmlObject | readonly XmlValue[]
export interface XmlObject {
  readonly [name: string]: XmlValue
}

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!)
}

/** `<?xml ...?><Root xmlns="...">...</Root>`; `namespace: false` for documents S3 writes without one (errors). */
export function xmlDocument(root: string, body: XmlObject, namespace = true): string {
  const open = namespace ? `<${root} xmlns="${S3_NAMESPACE}">` : `<${root}>`
  return `<?xml version="1.0" encoding="UTF-8"?>\n${open}${children(body)}</${root}>`
}

function children(obj: XmlObject): string {
  let out = ''
  for (const [name, value] of Object.entries(obj)) out += element(name, value)
  return out
}

function element(name: string, value: XmlValue): string {
  if (value === undefined) return ''
  if (Array.isArray(value)) return value.map((v) => element(name, v as XmlValue)).join('')
  if (typeof value === 'object') return `<${name}>${children(value as XmlObject)}</${name}>`
  return `<${name}>${escapeXml(String(value))}</${name}>`
}

/** S3's error document (no namespace), with the resource and request id. */
export function errorDocument(err: S3Error, resource: string, requestId: string): string {
  return xmlDocument('Error', { Code: err.code, Message: err.message, ...err.fields, Resource: resource, RequestId: requestId, HostId: requestId }, false)
}

/** A parsed element: its name (without namespace prefix), text and child elements. */
export interface XmlElement {
  readonly name: string
  readonly text: string
  readonly children: XmlElement[]
}

/** Reads a request body as XML; anything that is not well formed is S3's MalformedXML. */
export function readXml(body: string): XmlElement {
  const reader = new Reader(body.replace(/^\uFEFF/, ''))
  reader.skipProlog()
  const root = reader.element()
  reader.skipMisc()
  if (!reader.done()) throw s3Errors.malformedXml()
  return root
}

export const childText = (el: XmlElement, name: string): string | undefined => el.children.find((c) => c.name === name)?.text

class Reader {
  #i = 0
  constructor(private readonly s: string) {}

  done(): boolean {
    return this.#i >= this.s.length
  }

  skipProlog(): void {
    this.skipMisc()
  }

  /** Whitespace, `<?...?>` declarations, comments and doctypes between elements. */
  skipMisc(): void {
    for (;;) {
      while (/\s/.test(this.s[this.#i] ?? '')) this.#i++
      const rest = this.s.startsWith('<?', this.#i) ? '?>' : this.s.startsWith('<!--', this.#i) ? '-->' : this.s.startsWith('<!', this.#i) ? '>' : undefined
      if (!rest) return
      const end = this.s.indexOf(rest, this.#i + 2)
      if (end < 0) throw s3Errors.malformedXml()
      this.#i = end + rest.length
    }
  }

  element(): XmlElement {
    const open = /^<([A-Za-z_][\w.:-]*)((?:\s+[\w.:-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/.exec(this.s.slice(this.#i, this.#i + 4096))
    if (!open) throw s3Errors.malformedXml()
    this.#i += open[0].length
    const name = open[1]!.replace(/^.*:/, '')
    if (open[3]) return { name, text: '', children: [] }
    const kids: XmlElement[] = []
    let text = ''
    for (;;) {
      if (this.done()) throw s3Errors.malformedXml()
      if (this.s.startsWith('</', this.#i)) break
      if (this.s.startsWith('<!--', this.#i) || this.s.startsWith('<?', this.#i)) this.skipMisc()
      else if (this.s.startsWith('<![CDATA[', this.#i)) text += this.#cdata()
      else if (this.s[this.#i] === '<') kids.push(this.element())
      else text += this.#text()
    }
    const close = /^<\/([\w.:-]+)\s*>/.exec(this.s.slice(this.#i, this.#i + 512))
    if (!close || close[1] !== open[1]) throw s3Errors.malformedXml()
    this.#i += close[0].length
    return { name, text, children: kids }
  }

  #cdata(): string {
    const end = this.s.indexOf(']]>', this.#i)
    if (end < 0) throw s3Errors.malformedXml()
    const text = this.s.slice(this.#i + 9, end)
    this.#i = end + 3
    return text
  }

  #text(): string {
    const end = this.s.indexOf('<', this.#i)
    const raw = this.s.slice(this.#i, end < 0 ? undefined : end)
    this.#i = end < 0 ? this.s.length : end
    return raw.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_, e: string) => {
      if (e.startsWith('#x')) return String.fromCodePoint(parseInt(e.slice(2), 16))
      if (e.startsWith('#')) return String.fromCodePoint(Number(e.slice(1)))
      return ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" } as Record<string, string>)[e]!
    })
  }
}
