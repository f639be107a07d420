import { readFileSync } from 'node:fs';
import { PACKAGE_JSON } from './resources.js';

/** The package version, read once from package.json (see resources.ts: also inside a single executable). */
const manifest = JSON.parse(readFileSync(PACKAGE_JSON, 'utf8')) as { version: string };
export const VERSION: string = manifest.version;
