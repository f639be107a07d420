import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/workflow/canonical-json.js';

describe('canonicalJson', () => {
  it('sorts keys at every depth and writes no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: true, y: null }], c: 'x y' } })).toBe(
      '{"a":{"c":"x y","d":[3,{"y":null,"z":true}]},"b":1}',
    );
  });

  it('gives the same bytes for the same data in any key order', () => {
    const one = JSON.parse('{"x":1,"y":{"p":"é","q":[1,2]}}');
    const two = JSON.parse('{ "y" : { "q" : [ 1 , 2 ] , "p" : "\\u00e9" } , "x" : 1 }');
    expect(canonicalJson(one)).toBe(canonicalJson(two));
  });

  it('keeps array order, leaves out undefined properties, and escapes strings as JSON does', () => {
    expect(canonicalJson([2, 1, undefined])).toBe('[2,1,null]');
    expect(canonicalJson({ a: undefined, b: 'line\n"q"' })).toBe('{"b":"line\\n\\"q\\""}');
  });

  it('refuses what JSON cannot hold', () => {
    expect(() => canonicalJson({ n: Number.NaN })).toThrow(TypeError);
    expect(() => canonicalJson({ f: () => 1 })).toThrow(TypeError);
  });
});
