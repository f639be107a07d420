import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSize } from '../../src/cli/output.js';
import { loadConfig } from '../../src/config/load.js';
import { STARTER_CONFIG } from '../../src/config/starter.js';
import type { ResidueError } from '../../src/model/errors.js';

function file(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'residue-config-'));
  const path = join(dir, 'residue.config.yaml');
  writeFileSync(path, text);
  return path;
}

function errorOf(text: string): { code: string; line?: number; column?: number; key?: unknown } {
  try {
    loadConfig(file(text), parseSize);
  } catch (e) {
    const r = e as ResidueError;
    return { code: r.code, line: r.position?.line, column: r.position?.column, key: r.data.key };
  }
  throw new Error('expected an error');
}

describe('loadConfig', () => {
  it('converts every kind of value and resolves paths against the file', () => {
    const path = file(
      [
        'scan:',
        '  exclude: ["node_modules/**"]',
        '  follow-symlinks: true',
        '  max-file-size: 500M',
        '  threads: 2',
        '  rules: [uk-people, ./ours.yaml]',
        '  fail-on: personal-data',
        '  min-confidence: 0.7',
        '  key-file: keys/org.key',
        '',
      ].join('\n'),
    );
    const dir = join(path, '..');
    expect(loadConfig(path, parseSize)).toEqual({
      exclude: ['node_modules/**'],
      followSymlinks: true,
      maxFileSize: 500 * 1024 ** 2,
      threads: 2,
      rules: ['uk-people', join(dir, 'ours.yaml')],
      failOn: 'personal-data',
      minConfidence: 0.7,
      keyFile: join(dir, 'keys/org.key'),
    });
  });

  it.each([
    ['an unknown key', 'scan:\n  colour: red\n', 2, 3, 'colour'],
    ['a wrong type', 'scan:\n  threads: many\n', 2, 12, 'threads'],
    ['a bad choice', 'scan:\n  fail-on: sometimes\n', 2, 12, 'fail-on'],
    ['a bad size', 'scan:\n  max-file-size: huge\n', 2, 18, 'max-file-size'],
    ['an unknown section', 'scna:\n  threads: 2\n', 1, 1, 'scna'],
  ])('rejects %s with file:line:col and the key', (_n, text, line, column, key) => {
    expect(errorOf(text)).toEqual({ code: 'CONFIG', line, column, key });
  });

  it('rejects invalid YAML with its position', () => {
    expect(errorOf('scan:\n  threads: [1,\n')).toMatchObject({ code: 'CONFIG', line: 3 });
  });

  it('the starter file that residue init writes loads cleanly', () => {
    expect(loadConfig(file(STARTER_CONFIG), parseSize)).toEqual({
      exclude: ['node_modules/**', '.git/**'],
      failOn: 'contains-pii',
    });
  });
});
