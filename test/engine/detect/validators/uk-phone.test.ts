import { describe, expect, it } from 'vitest';
import { ukPhone } from '../../../../src/engine/detect/validators/uk-phone.js';

describe('ukPhone', () => {
  // Ofcom's drama ranges: valid numbers, flagged as test data.
  it.each([
    '07700 900456',
    '07700900001',
    '+44 7700 900789',
    '+447700900000',
    '0044 7700 900999',
    '0044 (0)7700 900123',
    '01632 960123',
    '020 7946 0123',
    '+44 20 7946 0018',
    '(020) 7946 0999',
    '0113 496 0555',
    '+44 (0)113 496 0555',
    '0114 496 0999',
    '0115 496 0000',
    '0116 496 0123',
    '0117 496 0123',
    '0118 496 0123',
    '0121 496 0123',
    '0131 496 0123',
    '0141 496 0123',
    '0151 496 0123',
    '0161 496 0123',
    '0191 498 0123',
    '028 9649 6123',
    '028 9018 0123',
    '029 2018 0123',
    '0808 157 0123',
    '0909 879 0123',
    '03069 990123',
  ])('accepts the drama number %s with testData', (value) => {
    expect(ukPhone(value)).toEqual({ ok: true, testData: true });
  });

  it.each([
    ['07912 345678', 'mobile'],
    ['+44 7912 345678', 'mobile, international'],
    ['07012 345678', '070 personal number'],
    ['07624 123456', '076 (Isle of Man mobiles, pagers)'],
    ['020 3123 4567', 'London'],
    ['0113 244 1234', 'Leeds'],
    ['01632 961000', 'just past the 01632 drama block'],
    ['020 7946 1123', 'just past the London drama block'],
    ['07700 901000', 'just past the mobile drama block'],
    ['016977 2345', '9-digit area number'],
    ['0300 123 4567', 'UK-wide 03'],
    ['0800 123 456', '9-digit freephone'],
    ['0800 123 4567', 'freephone'],
    ['0845-123-4567', 'dashes'],
    ['028 9012 3456', 'Belfast'],
  ])('accepts %s (%s) without testData', (value) => {
    expect(ukPhone(value)).toEqual({ ok: true });
  });

  it.each([
    ['07700 90012', 'mobile with 10 digits nationally'],
    ['07700 9001234', 'mobile with 12 digits nationally'],
    ['020 7946 012', 'London with 10 digits nationally'],
    ['00000 000000', 'international prefix with nothing after it'],
    ['07777 777777', 'one repeated digit after the trunk'],
    ['0909 123 4567', 'premium rate'],
    ['0500 123 456', '05 is not used'],
    ['0400 123 4567', '04 is not used'],
    ['0600 123 4567', '06 is not used'],
    ['7700900123', 'no trunk 0 or country code'],
    ['+33 1 23 45 67 89', 'France'],
    ['+1 212 555 0100', 'North America'],
    ['0113 496 0555 ext 2', 'trailing text'],
    ['0113/496/0555', 'slashes'],
    ['', 'empty'],
  ])('rejects %s (%s)', (value) => {
    expect(ukPhone(value)).toEqual({ ok: false });
  });
});
