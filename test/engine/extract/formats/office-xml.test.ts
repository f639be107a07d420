import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  attributes,
  decodeEntities,
  decodeOoxmlEscapes,
  decodeXmlText,
  OoxmlEscapeStream,
  readXml,
  relationshipId,
  type XmlHandler,
  XmlReader,
} from '../../../../src/engine/extract/formats/office-xml.js';

/** Every event as a short string: `<name attrs>`, `</name>`, `"text"`. */
function recorder(): XmlHandler & { events: string[] } {
  const events: string[] = [];
  return {
    events,
    open: (name, raw) => events.push(`<${name}${raw}>`),
    close: (name) => events.push(`</${name}>`),
    text: (text) => events.push(JSON.stringify(text)),
  };
}

/** Reads `xml` fed in pieces of `size` characters; merges adjacent text events (a text may arrive split). */
function read(xml: string, size = xml.length) {
  const h = recorder();
  const reader = new XmlReader(h);
  for (let i = 0; i < xml.length; i += size) reader.feed(xml.slice(i, i + size));
  const problem = reader.end();
  return { events: h.events, problem };
}

describe('decodeEntities', () => {
  it('decodes the five predefined entities and decimal and hex character references', () => {
    expect(decodeEntities('Smith &amp; Sons &lt;ltd&gt; &quot;q&quot; &apos;a&apos;')).toBe(
      'Smith & Sons <ltd> "q" \'a\'',
    );
    expect(decodeEntities('&#65;&#x42;&#X43;&#163;&#xA3;&#x1F600;')).toBe('ABC££😀');
  });

  it('decodes once: an escaped entity stays an entity', () => {
    expect(decodeEntities('&amp;lt; &amp;amp; &amp;#65;')).toBe('&lt; &amp; &#65;');
  });

  it('leaves undefined entities and bare ampersands as written', () => {
    expect(decodeEntities('A&B &nbsp; &copy; & ;&#;&#x;&amp')).toBe('A&B &nbsp; &copy; & ;&#;&#x;&amp');
  });

  it('turns references to characters XML does not allow into U+FFFD', () => {
    expect(decodeEntities('&#0;|&#xD800;|&#x110000;|&#xFFFF;|&#1;')).toBe(
      '\uFFFD|\uFFFD|\uFFFD|\uFFFD|\uFFFD',
    );
    expect(decodeEntities('&#9;&#10;&#13;')).toBe('\t\n\r');
  });

  it('normalises line ends in character data, but not those written as references', () => {
    expect(decodeXmlText('a\r\nb\rc&#13;')).toBe('a\nb\nc\r');
  });
});

describe('decodeOoxmlEscapes', () => {
  it("decodes Excel's _xHHHH_ escapes", () => {
    expect(decodeOoxmlEscapes('line_x000D_\nnext _x005F_x0041_ _x0041_')).toBe('line\r\nnext _x0041_ A');
    expect(decodeOoxmlEscapes('_xD800_ _x12_ plain_x')).toBe('\uFFFD _x12_ plain_x');
  });
});

describe('OoxmlEscapeStream', () => {
  /** `text` cut at `cuts` and added part by part: what was written, joined. */
  function streamed(text: string, cuts: number[]): string {
    let out = '';
    const escapes = new OoxmlEscapeStream((t) => {
      out += t;
    });
    let from = 0;
    for (const cut of [...cuts.filter((c) => c <= text.length)].sort((a, b) => a - b)) {
      escapes.add(text.slice(from, cut));
      from = cut;
    }
    escapes.add(text.slice(from));
    escapes.end();
    return out;
  }

  it('decodes an escape cut between parts, and one hidden by the escape before it, as decodeOoxmlEscapes does', () => {
    expect(streamed('line_x000D_\nnext', [6])).toBe('line\r\nnext');
    expect(streamed('_x005F_x0041_', [1, 3, 8, 12])).toBe('_x0041_');
    expect(streamed('a_x00', [2])).toBe('a_x00');
  });

  it('writes, for any text cut anywhere, what decodeOoxmlEscapes makes of it whole', () => {
    const piece = fc.constantFrom('_', 'x', '_x', '0', '00', '41', '5F', 'D', 'Z', ' ', 'ab');
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 40 }),
        fc.array(fc.nat(80), { maxLength: 8 }),
        (pieces, cuts) => {
          const text = pieces.join('');
          expect(streamed(text, cuts)).toBe(decodeOoxmlEscapes(text));
        },
      ),
      { seed: 0x0ff1ce, numRuns: 500 },
    );
  });
});

describe('attributes', () => {
  it('reads both quote styles, decodes values, and keys by qualified and local name', () => {
    const a = attributes(' name="Smith &amp; Co" sheetId=\'2\' r:id="rId7" x = "a>b"');
    expect(a).toMatchObject({ name: 'Smith & Co', sheetId: '2', 'r:id': 'rId7', id: 'rId7', x: 'a>b' });
  });

  it('tells an unprefixed id from a relationship id, in either order', () => {
    expect(attributes(' id="256" r:id="rId2"').id).toBe('256');
    expect(attributes(' r:id="rId2" id="256"').id).toBe('256');
    expect(relationshipId(attributes(' id="256" r:id="rId2"'))).toBe('rId2');
  });

  it('normalises literal whitespace in values to spaces', () => {
    expect(attributes(' v="a\tb\nc&#10;d"').v).toBe('a b c\nd');
  });
});

describe('XmlReader', () => {
  const DOC =
    '<?xml version="1.0"?>\n<!-- note --><w:doc xmlns:w="u"><w:p a="1>2" b=\'x\'>Jane &amp; <![CDATA[<raw> & ]]>Tom</w:p>' +
    '<w:br/><x:empty   /></w:doc>\n';
  const EVENTS = [
    '<doc xmlns:w="u">',
    '<p a="1>2" b=\'x\'>',
    '"Jane & "',
    '"<raw> & "',
    '"Tom"',
    '</p>',
    '<br>',
    '</br>',
    '<empty   >',
    '</empty>',
    '</doc>',
  ];

  it('reports tags by local name, text decoded, CDATA as is; comments and declarations skipped', () => {
    expect(read(DOC)).toEqual({ events: EVENTS, problem: null });
  });

  it('gives the same events whatever the chunk boundaries', () => {
    for (const size of [1, 2, 3, 5, 7, 13]) {
      const { events, problem } = read(DOC, size);
      expect(problem).toBeNull();
      // Text is only split at chunk ends when it has no markup after it yet; here it never is.
      expect(events).toEqual(EVENTS);
    }
  });

  it('decodes UTF-8 split across byte chunks, and UTF-16 with a byte-order mark', async () => {
    const bytes = new TextEncoder().encode('<t>Siân Öztürk — 😀</t>');
    const h = recorder();
    await readXml(
      (async function* () {
        for (const b of bytes) yield Uint8Array.of(b);
      })(),
      h,
    );
    expect(h.events).toEqual(['<t>', '"Siân Öztürk — 😀"', '</t>']);
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('<t>Siân</t>', 'utf16le')]);
    const h16 = recorder();
    await readXml(
      (async function* () {
        yield utf16;
      })(),
      h16,
    );
    expect(h16.events).toEqual(['<t>', '"Siân"', '</t>']);
  });

  it('notes a truncated document, a mismatched end tag, stray markup and a missing root', () => {
    expect(read('<a><b>text').problem).toEqual({ offset: 10, reason: 'unclosed element' });
    expect(read('<a><b>x</a>')).toEqual({
      events: ['<a>', '<b>', '"x"', '</b>', '</a>'],
      problem: { offset: 7, reason: 'mismatched end tag' },
    });
    expect(read('<a>1 < 2</a>')).toEqual({
      events: ['<a>', '"1 "', '"<"', '" 2"', '</a>'],
      problem: { offset: 5, reason: 'malformed markup' },
    });
    expect(read('just text').problem).toEqual({ offset: 9, reason: 'no root element' });
    expect(read('<a/><b/>').problem).toEqual({ offset: 4, reason: 'malformed markup' });
  });

  it('hands over a long text in pieces, never splitting a reference or a CRLF', () => {
    const long = 'x'.repeat(1 << 20);
    for (const [first, second, expected] of [
      ['&am', 'p;y', '&y'],
      ['\r', '\ny', '\ny'],
    ]) {
      const texts: string[] = [];
      const reader = new XmlReader({ open() {}, close() {}, text: (t) => texts.push(t) });
      reader.feed(`<a>${long}${first}`);
      expect(texts).toEqual([long]);
      reader.feed(`${second}</a>`);
      expect(reader.end()).toBeNull();
      expect(texts).toEqual([long, expected]);
    }
  });

  it('ignores an end tag with no open element of its name', () => {
    expect(read('<a>x</zz></a>')).toEqual({
      events: ['<a>', '"x"', '</a>'],
      problem: { offset: 4, reason: 'mismatched end tag' },
    });
  });
});
