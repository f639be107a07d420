import type { Validator } from './types.js';
import { ACCEPT, REJECT } from './verdicts.js';

/**
 * A dotted-quad IPv4 address: four octets 0-255 with no leading zeros. Rejects 0.0.0.0 and
 * 255.255.255.255 (not hosts), and short dotted numbers that read as version numbers rather than
 * addresses: every octet below 10 and a first octet of 0 or 1 (1.2.3.4, 0.0.1.2).
 */
export const ipv4: Validator = (value) => {
  let octets = 0;
  let current = 0;
  let digits = 0;
  let leadingZero = false;
  let first = 0;
  let allSmall = true;
  let allZero = true;
  let allMax = true;
  for (let i = 0; i <= value.length; i++) {
    const c = i < value.length ? value.charCodeAt(i) : 46; // a virtual '.' closes the last octet
    if (c >= 48 && c <= 57) {
      if (digits === 1 && current === 0) leadingZero = true;
      current = current * 10 + (c - 48);
      digits++;
      if (digits > 3 || leadingZero) return REJECT;
      continue;
    }
    if (c !== 46 || digits === 0 || current > 255) return REJECT;
    if (octets === 0) first = current;
    if (current >= 10) allSmall = false;
    if (current !== 0) allZero = false;
    if (current !== 255) allMax = false;
    octets++;
    if (octets > 4) return REJECT;
    current = 0;
    digits = 0;
    leadingZero = false;
  }
  if (octets !== 4 || allZero || allMax) return REJECT;
  return allSmall && first <= 1 ? REJECT : ACCEPT;
};
