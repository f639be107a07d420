// Injected into the single executable's bundles (scripts/build-binary.mjs), where `__dirname` is defined as
// `residueCodeDir`: inside the executable the bundled code "lives" in the extracted resource folder's dist/, so
// code that finds files beside itself (piscina's worker.js) finds the extracted copy.
import { join } from 'node:path';
import { RESOURCE_ROOT } from '../../src/resources.ts';

export const residueCodeDir = join(RESOURCE_ROOT, 'dist');
