import { describe, expect, it } from 'vitest';
import { inferColumns } from '../../../src/engine/detect/infer-columns.js';
import { sniffTable, type TableShape } from '../../../src/engine/detect/table.js';
import { builtinPackNames, loadPacks, packPaths } from '../../../src/rulepack/packs.js';

const rules = loadPacks(packPaths(builtinPackNames())).flatMap((p) => p.rules);
const infer = (text: string): TableShape => inferColumns(sniffTable(text) as TableShape, text, rules);

describe('inferColumns', () => {
  it('names columns of names and adult birth dates; self-identifying values need no name', () => {
    const text = [
      'Jane Smith,03/04/1961,LS1 4AB,jane@example.com,12.50',
      'Priya Patel,30/11/1972,M1 1AA,priya@example.org,3.00',
      'Oliver Jones,12/12/1980,CF10 1AA,oj@example.net,7.25',
    ].join('\n');
    expect(infer(text)).toEqual({
      delimiter: ',',
      headers: ['name', 'dob', '', '', ''],
      inferred: true,
    });
  });

  it('does not call recent dates birth dates, nor product words names', () => {
    const year = new Date().getUTCFullYear() - 1;
    const text = `Widget,03/04/${year}\nGadget,30/10/${year}\nSprocket,12/11/${year}\n`;
    expect(infer(text)).toEqual({ delimiter: ',', headers: null });
  });

  it('needs most of a column to agree', () => {
    const text = 'Jane Smith,1\nWidget Pro,2\nGadget Max,3\nPriya Patel,4\n';
    expect(infer(text).headers).toBeNull();
  });

  it('keeps a real header row untouched', () => {
    const text = 'name,dob\nJane Smith,03/04/1961\nPriya Patel,30/11/1972\n';
    expect(infer(text)).toEqual({ delimiter: ',', headers: ['name', 'dob'] });
  });
});
