import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ResidueError } from '../../src/model/errors.js';
import { defaultKeyPath, loadOrCreateKey, readKey } from '../../src/workflow/key-store.js';

describe('key store', () => {
  it('creates a 0600 key in a 0700 folder once, then reads the same key', () => {
    const dir = mkdtempSync(join(tmpdir(), 'residue-key-'));
    const path = join(dir, 'nested', 'fingerprint.key');
    const first = loadOrCreateKey(path);
    expect(first.created).toBe(true);
    expect(first.key).toMatch(/^[0-9a-f]{64}$/);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'nested')).mode & 0o777).toBe(0o700);
    expect(loadOrCreateKey(path)).toEqual({ key: first.key, created: false });
    expect(readKey(path)).toBe(first.key);
  });

  it('rejects a file that is not 64 hex digits with KEY_FILE', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'residue-key-')), 'bad.key');
    writeFileSync(path, 'not a key\n');
    expect(() => readKey(path)).toThrow(ResidueError);
    try {
      readKey(path);
    } catch (e) {
      expect((e as ResidueError).code).toBe('KEY_FILE');
    }
    expect(readFileSync(path, 'utf8')).toBe('not a key\n');
  });

  it('defaults to RESIDUE_KEY_FILE, then XDG_CONFIG_HOME, then ~/.config', () => {
    expect(defaultKeyPath({ RESIDUE_KEY_FILE: '/k' })).toBe('/k');
    expect(defaultKeyPath({ XDG_CONFIG_HOME: '/cfg' })).toBe('/cfg/residue/fingerprint.key');
    expect(defaultKeyPath({ HOME: '/home/u' })).toBe('/home/u/.config/residue/fingerprint.key');
  });
});
