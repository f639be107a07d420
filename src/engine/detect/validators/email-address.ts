import type { Validator } from './types.js';
import { ACCEPT, REJECT } from './verdicts.js';

/**
 * Endings that are file extensions, not top-level domains: "logo@2x.png", "icon@3x.webp" and bundler
 * output like "chunk@abc.js" look like addresses but are asset names. None of these is a delegated TLD.
 */
const FILE_EXTENSIONS: ReadonlySet<string> = new Set(
  (
    'png jpg jpeg gif svg webp bmp ico avif tif tiff js mjs cjs jsx ts tsx css scss less map json html htm xml ' +
    'yml yaml txt woff woff2 ttf eot'
  ).split(' '),
);

// RFC 5322 dot-atom characters for the local part (quoted local parts are not worth matching).
const LOCAL_CHAR = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+$/;
const LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;
const TLD = /^[A-Za-z]{2,24}$/;

/**
 * A plausible email address: a 1-64 character local part without leading, trailing or doubled dots; a
 * domain of at least two labels (no "user@localhost"); a top-level domain of 2-24 letters that is not a
 * file extension. Package specifiers ("lodash@4.17.21") fail on the all-digit ending.
 */
export const emailAddress: Validator = (value) => {
  const at = value.indexOf('@');
  if (at < 1 || at !== value.lastIndexOf('@') || at > 64) return REJECT;
  const local = value.slice(0, at);
  const domain = value.slice(at + 1);
  if (domain.length > 253 || !LOCAL_CHAR.test(local)) return REJECT;
  if (local.startsWith('.') || local.endsWith('.') || local.includes('..')) return REJECT;
  const labels = domain.split('.');
  if (labels.length < 2) return REJECT;
  const tld = labels[labels.length - 1] as string;
  if (!TLD.test(tld) || FILE_EXTENSIONS.has(tld.toLowerCase())) return REJECT;
  for (const label of labels) if (!LABEL.test(label)) return REJECT;
  return ACCEPT;
};
