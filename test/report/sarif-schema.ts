import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ErrorObject } from 'ajv';
import Ajv04 from 'ajv-draft-04';
import formats from 'ajv-formats';

// The official SARIF 2.1.0 schema: OASIS Standard "Static Analysis Results Interchange Format (SARIF) Version
// 2.1.0 Plus Errata 01", published at
//   https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json
// (its `id`), copied unchanged from the OASIS TC's repository, oasis-tcs/sarif-spec, file
// Schemata/sarif-schema-2.1.0.json at commit 0a8091f7d4057e57b6d8d9b56129e5f918747b34 (112,768 bytes,
// SHA-256 ddddcccbf95c7c50c037b5b07eff4140556278ca574ff374db46786b5fce7949). No npm package ships this
// version: @microsoft/jest-sarif has the earlier 2.1.0-rtm.5 draft only. The schema is JSON Schema draft-04,
// hence ajv-draft-04 rather than ajv's default (draft-07) class.

export const SARIF_SCHEMA_PATH = resolve(import.meta.dirname, 'sarif-schema-2.1.0.json');
export const SARIF_SCHEMA = JSON.parse(readFileSync(SARIF_SCHEMA_PATH, 'utf8')) as Record<string, unknown>;

// Both packages are CommonJS: under NodeNext a default import is module.exports, whose `default` is the export.
// Strict, except strictRequired: the schema's anyOf branches require properties declared beside them.
const ajv = new Ajv04.default({ allErrors: true, strict: true, strictRequired: false });
formats.default(ajv);
const validate = ajv.compile(SARIF_SCHEMA);

/** Validates a parsed SARIF log; returns the ajv errors as `path message` strings (empty when valid). */
export function sarifSchemaErrors(value: unknown): string[] {
  if (validate(value)) return [];
  return (validate.errors ?? []).map((e: ErrorObject) =>
    `${e.instancePath || '/'} ${e.message ?? ''}`.trim(),
  );
}
