import { describe, expect, it } from 'vitest';
import { asciiText, oneByte, utf8Tail } from '../../../src/engine/extract/one-byte.js';

describe('oneByte', () => {
  it('gives the same text for Latin-1 and leaves wider text as it is', () => {
    const latin = 'Zoë Brontë, Siân Ó Briain, 12 Rue Élysée\n'.repeat(10);
    expect(oneByte(latin)).toBe(latin);
    const wide = `Dr O’Neill — ${'x'.repeat(100)}`;
    expect(oneByte(wide)).toBe(wide);
  });
});

describe('asciiText', () => {
  it('reads ASCII bytes, and nothing else', () => {
    expect(asciiText(Buffer.from('name,dob\nAda,1961-04-03\n'))).toBe('name,dob\nAda,1961-04-03\n');
    expect(asciiText(Buffer.from('Zoë'))).toBeNull();
  });

  it('reads only the view it is given, not the whole buffer behind it', () => {
    const whole = Buffer.from('xxxhello world');
    expect(asciiText(new Uint8Array(whole.buffer, whole.byteOffset + 3, 5))).toBe('hello');
  });
});

describe('utf8Tail', () => {
  it('counts the bytes of a character cut at the end', () => {
    const e = Buffer.from('é'); // C3 A9
    const euro = Buffer.from('€'); // E2 82 AC
    const emoji = Buffer.from('😀'); // F0 9F 98 80
    expect(utf8Tail(Buffer.concat([Buffer.from('ab'), e.subarray(0, 1)]))).toBe(1);
    expect(utf8Tail(Buffer.concat([Buffer.from('ab'), euro.subarray(0, 2)]))).toBe(2);
    expect(utf8Tail(Buffer.concat([Buffer.from('ab'), emoji.subarray(0, 3)]))).toBe(3);
  });

  it('is 0 when the last character is whole', () => {
    expect(utf8Tail(Buffer.from('abc'))).toBe(0);
    expect(utf8Tail(Buffer.from('abé'))).toBe(0);
    expect(utf8Tail(Buffer.from('ab😀'))).toBe(0);
    expect(utf8Tail(new Uint8Array(0))).toBe(0);
  });
});
