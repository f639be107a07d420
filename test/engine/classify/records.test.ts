import { describe, expect, it } from 'vitest';
import {
  createRecordTracker,
  type RecordMode,
  type Span,
  sniffRecordMode,
  xmlRecordTag,
} from '../../../src/engine/classify/records.js';

function spansOf(mode: RecordMode, text: string, cuts: number[] = []): string[] {
  const tracker = createRecordTracker(mode, text);
  const spans: Span[] = [];
  let from = 0;
  for (const cut of [...cuts, text.length]) {
    spans.push(...tracker.feed(text, from, cut, 0));
    from = cut;
  }
  spans.push(...tracker.finish());
  return spans.map((s) => `${s.inner ? 'inner ' : ''}${text.slice(s.start, s.end)}`);
}

describe('record spans', () => {
  it('lines: every non-blank line is a record', () => {
    expect(spansOf('lines', 'a,b\n1,2\n\n3,4')).toEqual(['a,b\n', '1,2\n', '3,4']);
  });

  it('paragraphs: a short block is one record, whatever the feed cuts', () => {
    const letter = 'Mrs Jane Doe\n12 Acacia Avenue\nLeeds\nLS1 4AB\n\nDear Mrs Doe,\nthanks.\n';
    expect(spansOf('paragraphs', letter)).toEqual([
      'Mrs Jane Doe\n12 Acacia Avenue\nLeeds\nLS1 4AB\n',
      'Dear Mrs Doe,\nthanks.\n',
    ]);
    expect(spansOf('paragraphs', letter, [5, 20, 33])).toEqual(spansOf('paragraphs', letter));
  });

  it('paragraphs: a block longer than 12 lines falls back to one record per line', () => {
    const text = Array.from({ length: 15 }, (_, i) => `line ${i}`).join('\n');
    const spans = spansOf('paragraphs', text);
    expect(spans).toHaveLength(15);
    expect(spans[0]).toBe('line 0\n');
    expect(spans[14]).toBe('line 14');
  });

  it('json: each object element of an array is a record; braces inside strings do not count', () => {
    const json = '[\n {"name": "a {b}", "x": {"y": 1}},\n {"name": "c\\"}"}\n]';
    expect(spansOf('json', json, [10, 25])).toEqual([
      '{"name": "a {b}", "x": {"y": 1}}',
      '{"name": "c\\"}"}',
    ]);
  });

  it('json: arrays nested in an object hold the records', () => {
    expect(spansOf('json', '{"customers":[{"a":1},{"b":2}]}')).toEqual(['{"a":1}', '{"b":2}']);
  });

  it('sql: each row of a one-line INSERT is a record; quoted parentheses and quotes do not count, whatever the cuts', () => {
    const dump = [
      '-- MySQL dump',
      'CREATE TABLE `t` (`name` varchar(9), `note` text);',
      "INSERT INTO `t` VALUES ('Jane Smith','said (hi)'),('Mo O''Brien','it\\'s ) odd'),('Ann \"A(\" Lee',NULL);",
      'UNLOCK TABLES;',
      '',
    ].join('\n');
    const expected = [
      '-- MySQL dump\n',
      'CREATE TABLE `t` (`name` varchar(9), `note` text);\n',
      "INSERT INTO `t` VALUES ('Jane Smith','said (hi)')",
      ",('Mo O''Brien','it\\'s ) odd')",
      ',(\'Ann "A(" Lee\',NULL)',
      ';\n',
      'UNLOCK TABLES;\n',
    ];
    expect(spansOf('sql', dump)).toEqual(expected);
    expect(spansOf('sql', dump, [20, 90, 101, 130, 140])).toEqual(expected);
  });

  it('sql: rows already on lines of their own stay a record per line; a column list is not a row', () => {
    const dump = "INSERT INTO t (a, b) VALUES\n(1, 'x'),\n(2, 'y');\nINSERT INTO t (a, b) VALUES (3, 'z');\n";
    expect(spansOf('sql', dump)).toEqual([
      'INSERT INTO t (a, b) VALUES\n',
      "(1, 'x'),\n",
      "(2, 'y');\n",
      "INSERT INTO t (a, b) VALUES (3, 'z')",
      ';\n',
    ]);
  });

  it('sql: a quote misread costs its own line only (a backslash SQLite does not escape with, a comment)', () => {
    const dump = [
      "INSERT INTO t VALUES (1,'C:\\','x');",
      "INSERT INTO t VALUES (2,'a'); -- the customer's row",
      "INSERT INTO t VALUES (3,'b'),(4,'c');",
      '',
    ].join('\n');
    expect(spansOf('sql', dump)).toEqual([
      "INSERT INTO t VALUES (1,'C:\\','x');\n",
      "INSERT INTO t VALUES (2,'a')",
      "; -- the customer's row\n",
      "INSERT INTO t VALUES (3,'b')",
      ",(4,'c')",
      ';\n',
    ]);
  });

  it('json: objects in an array inside a record are its inner records (a page of orders), whatever the cuts', () => {
    const json =
      '[{"page":1,"orders":[{"id":1,"to":{"a":[{"x":1}]}},{"id":2}],"n":2},{"page":2,"orders":[]}]';
    const expected = [
      'inner {"id":1,"to":{"a":[{"x":1}]}}',
      'inner {"id":2}',
      '{"page":1,"orders":[{"id":1,"to":{"a":[{"x":1}]}},{"id":2}],"n":2}',
      '{"page":2,"orders":[]}',
    ];
    expect(spansOf('json', json)).toEqual(expected);
    expect(spansOf('json', json, [5, 23, 40, 61])).toEqual(expected);
  });
});

describe('sniffRecordMode', () => {
  it.each([
    ['tabular', 'a,b\n1,2\n', true, 'lines'],
    ['JSON array', '  [\n{"a":1}]', false, 'json'],
    ['NDJSON', '{"a":1}\n{"a":2}\n{"a":3}\n', false, 'lines'],
    ['single JSON object', '{\n "a": 1\n}', false, 'json'],
    ['log', '2024-01-02 10:00:01 INFO start\n2024-01-02 10:00:02 INFO x\n', false, 'lines'],
    ['prose', 'Dear Jane,\n\nThank you for your letter.\n', false, 'paragraphs'],
    [
      'XML export',
      '<?xml version="1.0"?>\n<rows>\n<row>\n<a>1</a>\n</row>\n<row>\n<a>2</a>\n</row>\n</rows>',
      false,
      'xml',
    ],
    ['SQL dump', '-- dump\nCREATE TABLE t (a int);\nINSERT INTO t (a) VALUES\n(1),\n(2);\n', false, 'sql'],
    ['COPY block', 'COPY public.t (a, b) FROM stdin;\n1\t2\n\\.\n', false, 'sql'],
  ] as const)('%s', (_n, text, tabular, mode) => {
    expect(sniffRecordMode(text, tabular)).toBe(mode);
  });
});

describe('XML records', () => {
  const xml = [
    '<?xml version="1.0"?>',
    '<customers>',
    '  <customer id="1">',
    '    <name>Jane Smith</name>',
    '    <notes><note>x</note></notes>',
    '  </customer>',
    '  <customer id="2"><name>Rick Roe</name></customer>',
    '  <customer/>',
    '</customers>',
  ].join('\n');

  it('finds the repeated element that holds the rows, not the root', () => {
    expect(xmlRecordTag(xml)).toBe('customer');
    expect(xmlRecordTag('<a><b>1</b></a>')).toBeNull();
  });

  it('makes each record element one record, across feed boundaries, skipping empty elements', () => {
    const cut = xml.indexOf('Smith');
    expect(spansOf('xml', xml, [cut])).toEqual([
      '<customer id="1">\n    <name>Jane Smith</name>\n    <notes><note>x</note></notes>\n  </customer>',
      '<customer id="2"><name>Rick Roe</name></customer>',
    ]);
  });
});
