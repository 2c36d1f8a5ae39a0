/** S3's XML: documents written with escaping, request bodies read (namespaces, entities, CDATA) or refused as MalformedXML. */
import { describe, expect, it } from 'vitest'
import { childText, readXml, xmlDocument } from '../../src/s3/xml.js'

describe('xml', () => {
  it('writes elements in key order, repeats arrays, leaves out undefined and escapes text', () => {
    expect(xmlDocument('R', { A: 'x<&>"\'', B: [{ C: 1 }, { C: 2 }], D: undefined, E: true })).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<R xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><A>x&lt;&amp;&gt;&quot;&apos;</A><B><C>1</C></B><B><C>2</C></B><E>true</E></R>'
    )
  })

  it('reads what clients send: a declaration, a namespace, entities, CDATA and comments', () => {
    const doc = readXml('<?xml version="1.0" encoding="UTF-8"?>\n<s3:Delete xmlns:s3="http://s3.amazonaws.com/doc/2006-03-01/"><!-- c --><Quiet>true</Quiet><Object><Key>a&amp;b&#x20;&#99;</Key></Object><Object><Key><![CDATA[<x>]]></Key></Object></s3:Delete>')
    expect(doc.name).toBe('Delete')
    expect(childText(doc, 'Quiet')).toBe('true')
    expect(doc.children.filter((c) => c.name === 'Object').map((o) => childText(o, 'Key'))).toEqual(['a&b c', '<x>'])
  })

  it.each(['', '<Delete>', '<Delete></Other>', '<Delete><Key>x</Delete>', 'text', '<A></A><B></B>', '<Delete><!-- never closed'])(
    'refuses %j as MalformedXML (400)',
    (body) => {
      expect(() => readXml(body)).toThrow(expect.objectContaining({ code: 'MalformedXML', status: 400 }))
    }
  )
})
