import { describe, expect, it } from 'vitest';
import { ipv4 } from '../../../../src/engine/detect/validators/ipv4.js';

describe('ipv4', () => {
  // RFC 5737 documentation ranges and other ordinary addresses.
  it.each([
    '203.0.113.42',
    '198.51.100.23',
    '192.0.2.17',
    '10.0.0.1',
    '172.16.254.1',
    '8.8.8.8',
    '2.3.4.5',
    '1.1.1.10',
    '255.255.255.0',
    '0.0.0.10',
  ])('accepts %s', (value) => {
    expect(ipv4(value)).toEqual({ ok: true });
  });

  it.each([
    ['999.10.2.3', 'octet over 255'],
    ['256.1.1.1', 'octet over 255'],
    ['0.0.0.0', 'unspecified address'],
    ['255.255.255.255', 'broadcast address'],
    ['1.2.3.4', 'reads as a version number'],
    ['0.0.1.2', 'reads as a version number'],
    ['1.0.0.0', 'reads as a version number'],
    ['01.2.3.4', 'leading zero'],
    ['192.168.001.1', 'leading zero'],
    ['1.2.3', 'three octets'],
    ['1.2.3.4.5', 'five octets'],
    ['203.0.113.', 'empty octet'],
    ['.203.0.113', 'empty octet'],
    ['203..0.113', 'empty octet'],
    ['203.0.113.1234', 'four-digit octet'],
    ['203.0.113.a', 'letter'],
    ['203 0 113 42', 'spaces'],
    ['', 'empty'],
  ])('rejects %s (%s)', (value) => {
    expect(ipv4(value)).toEqual({ ok: false });
  });
});
