import { describe, expect, it } from 'vitest';
import { detached } from '../../../src/engine/detect/detach.js';

describe('detached', () => {
  it.each(['', 'a', 'Mohammed Begum', 'Zoë Smith-Jones ’', '\u{1F600} surrogate pair'])(
    'keeps %j as it is',
    (s) => {
      const parent = `prefix ${s} suffix`;
      const cut = parent.slice(7, 7 + s.length);
      expect(detached(cut)).toBe(s);
    },
  );
});
