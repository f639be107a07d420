import { describe, expect, it } from 'vitest';
import { FieldContext } from '../../../src/engine/detect/fields.js';
import { cellIndexIn, makeView } from '../../../src/engine/detect/segment-view.js';
import { cellIndexAt, type TableShape } from '../../../src/engine/detect/table.js';
import type { Segment } from '../../../src/engine/extract/segment.js';

const segmentOf = (text: string): Segment => ({
  text,
  base: 0,
  acceptFrom: 0,
  acceptUntil: text.length,
  line: 1,
  column: 1,
});

describe('makeView', () => {
  it('gives the whole line holding an index, the same object for every index of the line', () => {
    const text = 'name,dob\nJane Doe,03/04/1961\nRick Roe,01/02/1970';
    const view = makeView(segmentOf(text), new FieldContext(null), null, new Map());
    const second = view.lineAt(text.indexOf('Jane'));
    expect(second).toMatchObject({ text: 'Jane Doe,03/04/1961', start: 9 });
    expect(view.lineAt(text.indexOf('1961'))).toBe(second);
    expect(view.lineAt(text.indexOf('\nRick'))).toBe(second);
    expect(view.lineAt(0).text).toBe('name,dob');
    expect(view.lineAt(text.length - 1).text).toBe('Rick Roe,01/02/1970');
  });

  it('says whether the segment is all ASCII (context words then take the faster ASCII matching)', () => {
    const view = (text: string) => makeView(segmentOf(text), new FieldContext(null), null, new Map());
    expect(view('Jane Doe, DOB 03/04/1961').ascii()).toBe(true);
    expect(view('Zoë Doe, DOB 03/04/1961').ascii()).toBe(false);
    expect(view('Jane Doe \u{1F600}').ascii()).toBe(false);
  });

  it('sees a huge line through a window around the index', () => {
    const text = `${'x'.repeat(20_000)}NEEDLE${'y'.repeat(20_000)}`;
    const view = makeView(segmentOf(text), new FieldContext(null), null, new Map());
    const at = text.indexOf('NEEDLE');
    const line = view.lineAt(at);
    expect(line.text.length).toBeLessThanOrEqual(8192);
    expect(line.text.slice(at - line.start, at - line.start + 6)).toBe('NEEDLE');
  });
});

describe('cellIndexIn', () => {
  it('agrees with cellIndexAt at every offset, quotes included', () => {
    const csv: TableShape = { delimiter: ',', headers: null };
    const text = 'a,"b, c",d,"e ""f"", g",,h\n';
    const view = makeView(segmentOf(text), new FieldContext(csv), null, new Map());
    const line = view.lineAt(0);
    for (let offset = 0; offset <= line.text.length; offset++)
      expect(cellIndexIn(line, offset, csv)).toBe(cellIndexAt(line.text, offset, csv));
  });

  it('reads fixed-width columns by their starts', () => {
    const fixed: TableShape = { delimiter: null, starts: [0, 10, 20], headers: ['a', 'b', 'c'] };
    const line = { text: 'Jane Doe  1961-04-03 LS1 4AB', start: 0 };
    expect([0, 9, 10, 19, 20, 27].map((o) => cellIndexIn(line, o, fixed))).toEqual([0, 0, 1, 1, 2, 2]);
  });
});
