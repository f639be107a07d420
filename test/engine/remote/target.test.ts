import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isRemoteRoot, parseSftpUrl, readHostsFile } from '../../../src/engine/remote/target.js';
import { ResidueError } from '../../../src/model/errors.js';

describe('sftp:// URLs', () => {
  it('parses user, host, port and path, and shows the root canonically', () => {
    expect(parseSftpUrl('sftp://ops@db1.example:2222/srv/data/', 'me')).toEqual({
      user: 'ops',
      host: 'db1.example',
      port: 2222,
      path: '/srv/data',
      display: 'sftp://ops@db1.example:2222/srv/data',
    });
    expect(parseSftpUrl('SFTP://DB1.Example/srv', 'me').display).toBe('sftp://me@db1.example/srv');
    expect(parseSftpUrl('sftp://ops@db1.example:22/', 'me')).toMatchObject({
      path: '/',
      display: 'sftp://ops@db1.example',
    });
    expect(parseSftpUrl('sftp://ops@db1.example', 'me')).toMatchObject({
      path: '.',
      display: 'sftp://ops@db1.example/~',
    });
    expect(parseSftpUrl('sftp://ops@db1.example/~/exports', 'me')).toMatchObject({ path: 'exports' });
    expect(parseSftpUrl('sftp://ops@[::1]:2222/x', 'me')).toMatchObject({
      host: '::1',
      display: 'sftp://ops@[::1]:2222/x',
    });
    expect(parseSftpUrl('sftp://ops@h/a%20b', 'me').path).toBe('/a b');
    expect(isRemoteRoot('sftp://h/x')).toBe(true);
    expect(isRemoteRoot('./sftp/x')).toBe(false);
  });

  it('refuses passwords, queries and URLs that are not sftp', () => {
    const reason = (url: string) => {
      try {
        parseSftpUrl(url, 'me');
        return 'accepted';
      } catch (e) {
        return e instanceof ResidueError ? `${e.code}: ${String(e.data.detail)}` : 'other error';
      }
    };
    expect(reason('sftp://ops:secret@h/x')).toMatch(/^SFTP_URL: passwords in URLs are not accepted/);
    expect(reason('sftp://h/x?y=1')).toBe('SFTP_URL: a query or fragment is not allowed');
    expect(reason('ssh://h/x')).toBe('SFTP_URL: not an sftp:// URL');
    expect(reason('sftp://h:99999/x')).toBe('SFTP_URL: not a valid URL');
  });

  it('reads a hosts file: one URL a line, comments and blank lines ignored, a bad line named', () => {
    const dir = mkdtempSync(join(tmpdir(), 'residue-hosts-'));
    const good = join(dir, 'hosts.txt');
    writeFileSync(good, '# estate\nsftp://a@h1/srv  # web\n\n  sftp://h2:2222/data\n');
    expect(readHostsFile(good, 'me').map((t) => t.display)).toEqual([
      'sftp://a@h1/srv',
      'sftp://me@h2:2222/data',
    ]);
    const bad = join(dir, 'bad.txt');
    writeFileSync(bad, 'sftp://h1/srv\nh2:/data\n');
    expect(() => readHostsFile(bad, 'me')).toThrow(ResidueError);
    try {
      readHostsFile(bad, 'me');
    } catch (e) {
      expect((e as ResidueError).data).toMatchObject({ path: bad, line: 2 });
    }
  });
});
