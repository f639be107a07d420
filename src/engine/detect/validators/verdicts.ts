import type { ValidatorVerdict } from './types.js';

// Shared, frozen verdicts: validators run on every candidate, so they return these instead of allocating.
export const ACCEPT: ValidatorVerdict = Object.freeze({ ok: true });
export const REJECT: ValidatorVerdict = Object.freeze({ ok: false });
export const TEST_DATA: ValidatorVerdict = Object.freeze({ ok: true, testData: true });
