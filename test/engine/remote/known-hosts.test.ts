import { createHmac, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hostName, KnownHosts, keyFingerprint, wireKeyType } from '../../../src/engine/remote/known-hosts.js';

/** An SSH wire-format public key blob of `type` (the key bytes are random: only identity matters here). */
function blob(type: string): Buffer {
  const name = Buffer.from(type);
  const len = Buffer.alloc(4);
  len.writeUInt32BE(name.length);
  return Buffer.concat([len, name, randomBytes(36)]);
}

function hashed(name: string): string {
  const salt = randomBytes(20);
  return `|1|${salt.toString('base64')}|${createHmac('sha1', salt).update(name).digest('base64')}`;
}

function file(text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'residue-kh-')), 'known_hosts');
  writeFileSync(path, text);
  return path;
}

const ed = blob('ssh-ed25519');
const other = blob('ssh-ed25519');
const rsa = blob('ssh-rsa');
const line = (host: string, key: Buffer) => `${host} ${wireKeyType(key)} ${key.toString('base64')}\n`;

describe('known_hosts', () => {
  it('names hosts as OpenSSH does: plain on port 22, [host]:port otherwise', () => {
    expect(hostName('example.org', 22)).toBe('example.org');
    expect(hostName('127.0.0.1', 2222)).toBe('[127.0.0.1]:2222');
    expect(wireKeyType(ed)).toBe('ssh-ed25519');
    expect(keyFingerprint(ed)).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
  });

  it('matches plain, [host]:port, comma lists, hashed, wildcard and negated patterns', () => {
    const kh = KnownHosts.load(
      file(
        [
          '# comment\n',
          line('a.example,10.0.0.1', ed),
          line('[127.0.0.1]:2222', ed),
          line(hashed('[b.example]:2200'), ed),
          line('*.corp.example,!bad.corp.example', ed),
        ].join(''),
      ),
    );
    expect(kh.verify('a.example', 22, ed)).toEqual({ status: 'known' });
    expect(kh.verify('10.0.0.1', 22, ed)).toEqual({ status: 'known' });
    expect(kh.verify('A.EXAMPLE', 22, ed)).toEqual({ status: 'known' });
    expect(kh.verify('127.0.0.1', 2222, ed)).toEqual({ status: 'known' });
    expect(kh.verify('127.0.0.1', 22, ed)).toEqual({ status: 'unknown' });
    expect(kh.verify('b.example', 2200, ed)).toEqual({ status: 'known' });
    expect(kh.verify('b.example', 22, ed)).toEqual({ status: 'unknown' });
    expect(kh.verify('x.corp.example', 22, ed)).toEqual({ status: 'known' });
    expect(kh.verify('bad.corp.example', 22, ed)).toEqual({ status: 'unknown' });
    expect(kh.keyTypes('a.example', 22)).toEqual(['ssh-ed25519']);
  });

  it('another key for the host, of the same or another type, is a mismatch; a revoked key is refused', () => {
    const kh = KnownHosts.load(
      file(`${line('[h]:2222', ed)}${line('h2', rsa)}@revoked * ssh-ed25519 ${ed.toString('base64')}\n`),
    );
    expect(kh.verify('h', 2222, other)).toEqual({ status: 'mismatch', line: 1 });
    expect(kh.verify('h2', 22, ed)).toEqual({ status: 'revoked', line: 3 });
    expect(kh.verify('h2', 22, other)).toEqual({ status: 'mismatch', line: 2 });
    expect(kh.keyTypes('h2', 22)).toEqual(['ssh-rsa']);
  });

  it('a missing file knows no host; append creates it (0600) and remembers the key', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'residue-kh-')), 'sub', 'known_hosts');
    const kh = KnownHosts.load(path);
    expect(kh.verify('127.0.0.1', 2222, ed)).toEqual({ status: 'unknown' });
    kh.append('127.0.0.1', 2222, ed);
    expect(kh.verify('127.0.0.1', 2222, ed)).toEqual({ status: 'known' });
    expect(readFileSync(path, 'utf8')).toBe(line('[127.0.0.1]:2222', ed));
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(KnownHosts.load(path).verify('127.0.0.1', 2222, ed)).toEqual({ status: 'known' });
  });
});
