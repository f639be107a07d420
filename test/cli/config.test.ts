import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, spawnCli } from '../helpers/cli.js';

const INCIDENTAL = join(ROOT, 'fixtures/incidental');

describe('residue.config.yaml', () => {
  it('is read from the working directory; flags override it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'residue-cfg-'));
    writeFileSync(join(dir, 'residue.config.yaml'), 'scan:\n  fail-on: personal-data\n  quiet: true\n');
    expect(spawnCli(['scan', INCIDENTAL], dir).code).toBe(0);
    expect(spawnCli(['scan', INCIDENTAL, '--fail-on', 'contains-pii'], dir).code).toBe(1);
    expect(spawnCli(['scan', INCIDENTAL], ROOT).code).toBe(1);
  });

  it('--config names a file anywhere; a bad one stops with exit 2 and file:line:col', () => {
    const dir = mkdtempSync(join(tmpdir(), 'residue-cfg-'));
    writeFileSync(join(dir, 'ci.yaml'), 'scan:\n  format: json\n  fail-on: never\n');
    const ok = spawnCli(['scan', INCIDENTAL, '--config', join(dir, 'ci.yaml')]);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout).schemaVersion).toBe(1);
    writeFileSync(join(dir, 'bad.yaml'), 'scan:\n  fail-on: maybe\n');
    const bad = spawnCli(['scan', INCIDENTAL, '--config', join(dir, 'bad.yaml')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe(
      `residue: ${join(dir, 'bad.yaml')}:2:12: invalid config: fail-on: expected one of personal-data, contains-pii, never\n`,
    );
  });

  it('residue init writes a starter once and refuses to overwrite without --force', () => {
    const dir = mkdtempSync(join(tmpdir(), 'residue-init-'));
    const first = spawnCli(['init'], dir);
    expect(first.code).toBe(0);
    expect(readFileSync(join(dir, 'residue.config.yaml'), 'utf8')).toContain('fail-on: contains-pii');
    const again = spawnCli(['init'], dir);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('already exists (use --force to overwrite)');
    expect(spawnCli(['init', '--force'], dir).code).toBe(0);
  });
});
