import { mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SignedCertificate } from '../../src/workflow/certificate.js';
import { runCli } from '../helpers/cli.js';

// A contractor proves deletion: keygen once, attest the tree, the owner verifies with the public key.

const work = mkdtempSync(join(tmpdir(), 'residue-cert-'));
const ORG_KEY = join(work, 'org.key');
writeFileSync(ORG_KEY, `${'1'.repeat(64)}\n`);
const SCAN = ['--threads', '0', '--quiet', '--key-file', ORG_KEY];

const PEOPLE = [
  'surname,forename,dob,postcode',
  'Bennett,Graham,22/12/1957,BD23 4UP',
  'Whitfield,Priya,03/04/1961,LS1 4AB',
  '',
].join('\n');

function tree(name: string, files: Record<string, string>): string {
  const root = join(work, name);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

async function attest(root: string, out: string, extra: string[] = []) {
  const r = await runCli([
    'attest',
    root,
    '--key',
    join(work, 'signer.key'),
    '--out',
    out,
    ...SCAN,
    ...extra,
  ]);
  const cert = JSON.parse(readFileSync(out, 'utf8')) as SignedCertificate;
  return { ...r, cert };
}

const verify = (cert: string, ...extra: string[]) =>
  runCli(['verify', cert, '--pub', join(work, 'signer.pub'), ...extra]);

beforeAll(async () => {
  const r = await runCli(['keygen', '--out', join(work, 'signer')]);
  expect(r).toMatchObject({ code: 0, stderr: '' });
});

describe('residue keygen', () => {
  it('writes a 0600 PKCS#8 private key and an SPKI public key', () => {
    expect(statSync(join(work, 'signer.key')).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(work, 'signer.key'), 'utf8')).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
    expect(readFileSync(join(work, 'signer.pub'), 'utf8')).toMatch(/^-----BEGIN PUBLIC KEY-----\n/);
  });

  it('refuses to overwrite a key (exit 2, one line)', async () => {
    const before = readFileSync(join(work, 'signer.key'), 'utf8');
    const r = await runCli(['keygen', '--out', join(work, 'signer')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^residue: .*signer\.key already exists/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(readFileSync(join(work, 'signer.key'), 'utf8')).toBe(before);
  });
});

describe('residue attest and verify', () => {
  it('round trip on a clean tree: clean certificate, verify exits 0 and says what it covered', async () => {
    const root = tree('clean', {
      'readme.txt': 'Nothing personal here.\n',
      'src/app.js': 'export const x = 1;\n',
    });
    const out = join(work, 'clean.json');
    const a = await attest(root, out);
    expect(a.code).toBe(0);
    expect(a.stdout).toMatch(/clean/);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    expect(Object.keys(a.cert).sort()).toEqual(['body', 'publicKey', 'signature']);
    expect(a.cert.body).toMatchObject({
      format: 'residue-deletion-certificate',
      scope: { roots: [root], include: [], exclude: [], fingerprintPack: null },
      coverage: { complete: true, filesScanned: 2, notInspected: [], skipped: [] },
      result: { status: 'clean', filesWithFindings: 0 },
    });
    expect(a.cert.body.scope.rulePacks.map((p) => p.name)).toContain('uk-people');
    expect(a.cert.body.scope.rulePacks.every((p) => /^[0-9a-f]{64}$/.test(p.sha256))).toBe(true);
    expect(a.cert.body.scope.fingerprintKeyId).toMatch(/^[0-9a-f]{32}$/);
    const v = await verify(out);
    expect(v.code).toBe(0);
    expect(v.stdout).toMatch(/^VALID: /);
    expect(v.stdout).toContain(`What:   ${root}`);
    expect(v.stdout).toMatch(/Result: CLEAN/);
    expect(v.stdout).toContain('nothing: every file in scope was read in full');
  });

  it('names files read only as printable strings: clean, but not "read in full"', async () => {
    const root = tree('blobs', { 'readme.txt': 'Nothing personal here.\n' });
    // An unknown binary format: bytes with NULs and no magic number residue knows.
    writeFileSync(
      join(root, 'state.bin'),
      Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7) % 256)),
    );
    const out = join(work, 'blobs.json');
    const a = await attest(root, out);
    expect(a.code).toBe(0);
    expect(a.cert.body.coverage).toMatchObject({ complete: true, stringsOnly: ['state.bin'] });
    const v = await verify(out);
    expect(v.code).toBe(0);
    expect(v.stdout).toContain('state.bin: an unknown format, searched only through its printable strings');
    expect(v.stdout).toContain('Result: CLEAN: every file in scope was read (some only as printable strings');
    expect(v.stdout).not.toContain('read in full');
  });

  it('one byte changed in the body fails verification (exit 1)', async () => {
    const out = join(work, 'clean.json');
    const text = readFileSync(out, 'utf8');
    const at = text.indexOf('"filesScanned": 2') + '"filesScanned": '.length;
    const tampered = join(work, 'tampered.json');
    writeFileSync(tampered, `${text.slice(0, at)}3${text.slice(at + 1)}`);
    const v = await verify(tampered);
    expect(v.code).toBe(1);
    expect(v.stdout).toMatch(/^INVALID: /);
    expect(v.stdout).toMatch(/signature does not match/);
    expect(v.stdout).not.toMatch(/Result:/);
  });

  it('checks with the public key it is given and says when the embedded one differs', async () => {
    const other = join(work, 'other');
    await runCli(['keygen', '--out', other]);
    const wrongKey = await runCli(['verify', join(work, 'clean.json'), '--pub', `${other}.pub`]);
    expect(wrongKey.code).toBe(1);
    const cert = JSON.parse(readFileSync(join(work, 'clean.json'), 'utf8')) as SignedCertificate;
    const swapped = join(work, 'swapped.json');
    writeFileSync(swapped, JSON.stringify({ ...cert, publicKey: readFileSync(`${other}.pub`, 'utf8') }));
    const v = await verify(swapped);
    expect(v.code).toBe(0);
    expect(v.stdout).toMatch(/public key inside the certificate is not .*signer\.pub/);
  });

  it('a file over --max-file-size makes the certificate incomplete, never clean', async () => {
    const root = tree('partial', { 'small.txt': 'hello\n', 'big.txt': `${'x'.repeat(4096)}\n` });
    const out = join(work, 'partial.json');
    const a = await attest(root, out, ['--max-file-size', '1k']);
    expect(a.code).toBe(3);
    expect(a.cert.body.result.status).toBe('incomplete');
    expect(a.cert.body.coverage).toMatchObject({
      complete: false,
      notInspected: [{ path: 'big.txt', code: 'TOO_LARGE' }],
    });
    const v = await verify(out);
    expect(v.code).toBe(1);
    expect(v.stdout).toMatch(/^VALID: /);
    expect(v.stdout).toMatch(/big\.txt: not scanned: larger than --max-file-size/);
    expect(v.stdout).toMatch(/Result: INCOMPLETE: .*does not prove deletion/);
  });

  it('a tree with personal data gives not-clean with paths and counts, no values', async () => {
    const root = tree('dirty', { 'exports/customers.csv': PEOPLE, 'notes.txt': 'nothing\n' });
    const out = join(work, 'dirty.json');
    const a = await attest(root, out);
    expect(a.code).toBe(1);
    expect(a.cert.body.result).toMatchObject({
      status: 'not-clean',
      filesWithFindings: 1,
      files: [{ path: 'exports/customers.csv', verdict: 'personal-data', records: 2 }],
    });
    const text = readFileSync(out, 'utf8');
    for (const value of ['Bennett', 'Whitfield', '22/12/1957', 'BD23 4UP', 'LS1 4AB'])
      expect(text).not.toContain(value);
    const v = await verify(out);
    expect(v.code).toBe(1);
    expect(v.stdout).toMatch(/Result: NOT CLEAN: 1 file of personal data/);
    expect(v.stdout).toContain('exports/customers.csv: personal-data, 2 records');
  });

  it('prints the names of scanned files inert', async () => {
    const root = tree('escape', { 'evil\u001b[2J.csv': PEOPLE });
    const out = join(work, 'escape.json');
    await attest(root, out);
    const v = await verify(out);
    expect(v.stdout).not.toContain('\u001b');
    expect(v.stdout).toContain('evil\\x1b[2J.csv: personal-data');
  });

  it('records exclusions and .residueignore patterns as not covered', async () => {
    const root = tree('ignoring', {
      '.residueignore': '# owner agreed\nvendor/\n',
      'vendor/x.csv': PEOPLE,
      'a.txt': 'a\n',
    });
    const out = join(work, 'ignoring.json');
    const a = await attest(root, out, ['--exclude', 'tmp/**']);
    expect(a.cert.body.scope.exclude).toEqual(['tmp/**']);
    expect(a.cert.body.scope.ignoreFiles).toEqual([
      {
        path: join(root, '.residueignore'),
        sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
        patterns: ['vendor/'],
      },
    ]);
    const v = await verify(out);
    expect(v.stdout).toContain('files matching tmp/** were left out');
    expect(v.stdout).toMatch(/\.residueignore left out what matches vendor\//);
  });

  it('usage errors exit 2 with one line', async () => {
    const noPub = await runCli(['verify', join(work, 'clean.json')]);
    expect(noPub.code).toBe(2);
    const missing = await verify(join(work, 'no-such.json'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^residue: cannot read certificate .*no-such\.json \(ENOENT\)\n$/);
    const privateAsPub = await runCli([
      'verify',
      join(work, 'clean.json'),
      '--pub',
      join(work, 'signer.key'),
    ]);
    expect(privateAsPub.code).toBe(2);
    const badKey = await runCli([
      'attest',
      work,
      '--key',
      join(work, 'signer.pub'),
      '--out',
      join(work, 'x.json'),
      ...SCAN,
    ]);
    expect(badKey.code).toBe(2);
    expect(badKey.stderr).toMatch(/signing key .*signer\.pub: not a PEM private key/);
  });
});
