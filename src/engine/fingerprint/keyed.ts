import { createHmac, type Hmac } from 'node:crypto';
import type { Category } from '../../model/vocabulary.js';
import { normaliseValue } from './normalise.js';

/** Fingerprints are HMAC-SHA256 under the organisation's key, cut to 128 bits (32 hex digits). */
export const FINGERPRINT_ALGORITHM = 'hmac-sha256-128';
const HEX_DIGITS = 32;

/**
 * Keyed fingerprints: never a plain hash of personal data (an NHS number has about 10⁹ values; a plain hash
 * is reversed in seconds). Without the key a fingerprint says nothing; with it, equal facts give equal prints.
 */
export class Fingerprinter {
  private readonly key: Buffer;

  constructor(keyHex: string) {
    this.key = Buffer.from(keyHex, 'hex');
    if (this.key.length < 16) throw new Error('fingerprint key too short');
  }

  /** Names the key without revealing it, so reports made with different keys are told apart. */
  keyId(): string {
    return this.digest(createHmac('sha256', this.key).update('residue fingerprint key id'));
  }

  value(category: Category, value: string): string {
    return this.digest(
      createHmac('sha256', this.key).update(`${category}\0${normaliseValue(category, value)}`),
    );
  }

  /** Any string already in canonical form (owner packs combine several values into one record print). */
  raw(text: string): string {
    return this.digest(createHmac('sha256', this.key).update(text));
  }

  /** Streams a file's bytes into a content fingerprint. */
  content(): { update(chunk: Uint8Array): void; digest(): string } {
    const h = createHmac('sha256', this.key).update('residue content\0');
    return { update: (chunk) => void h.update(chunk), digest: () => this.digest(h) };
  }

  private digest(h: Hmac): string {
    return h.digest('hex').slice(0, HEX_DIGITS);
  }
}
