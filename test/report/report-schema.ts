import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js';
import formats from 'ajv-formats';

/** The published schema, read from disk as users get it. */
export const REPORT_SCHEMA = JSON.parse(
  readFileSync(resolve(import.meta.dirname, '../../schema/report.schema.json'), 'utf8'),
) as Record<string, unknown>;

// ajv-formats is CommonJS: under NodeNext its default import is module.exports, whose `default` is the plugin.
const ajv = new Ajv2020({ allErrors: true, strict: true });
formats.default(ajv);
const validate = ajv.compile(REPORT_SCHEMA);

/** Validates a parsed JSON report; returns the ajv errors as `path message` strings (empty when valid). */
export function schemaErrors(value: unknown): string[] {
  if (validate(value)) return [];
  return (validate.errors ?? []).map((e: ErrorObject) =>
    `${e.instancePath || '/'} ${e.message ?? ''}`.trim(),
  );
}
