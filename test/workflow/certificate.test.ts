import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { FileResult } from '../../src/model/finding.js';
import type { Report } from '../../src/model/report.js';
import { canonicalJson } from '../../src/workflow/canonical-json.js';
import {
  type CertificateContext,
  certificateBody,
  signCertificate,
  verifyCertificate,
} from '../../src/workflow/certificate.js';

const CONTEXT: CertificateContext = {
  host: { hostname: 'srv-01', user: 'ops', platform: 'linux' },
  scope: {
    roots: ['/srv/data'],
    include: [],
    exclude: [],
    followSymlinks: false,
    maxFileSize: 1024,
    minConfidence: 0.5,
    timeBudgetSeconds: 600,
    limits: { maxDepth: 8, maxExpandedBytes: 4096, maxMembers: 10 },
    ignoreFiles: [],
    rulePacks: [
      { name: 'uk-people', version: '1.0.0', source: 'builtin:uk-people', sha256: 'ab'.repeat(32) },
    ],
    fingerprintKeyId: null,
    fingerprintPack: null,
  },
};

function report(files: FileResult[], errors: Report['errors'] = []): Report {
  return {
    schemaVersion: 1,
    tool: { name: 'residue', version: '0.1.0' },
    rulePacks: [],
    fingerprints: { algorithm: 'hmac-sha256-128', keyId: 'k'.repeat(32) },
    roots: ['/srv/data'],
    startedAt: '2025-01-01T10:00:00.000Z',
    finishedAt: '2025-01-01T10:00:05.000Z',
    files,
    errors,
    skipped: [],
    summary: {
      filesScanned: 3,
      bytesScanned: 300,
      verdicts: {
        clean: 3 - files.length,
        'contains-pii': files.filter((f) => f.verdict === 'contains-pii').length,
        'personal-data': files.filter((f) => f.verdict === 'personal-data').length,
      },
      records: files.reduce((n, f) => n + f.records, 0),
      findings: files.reduce((n, f) => n + f.findings.length, 0),
      byCategory: {},
      errors: errors.length,
      skipped: 0,
      complete: errors.length === 0,
      durationMs: 5000,
    },
  };
}

function file(path: string, ruleId = 'uk.postcode'): FileResult {
  return {
    path,
    size: 100,
    verdict: 'personal-data',
    records: 2,
    inspection: 'text',
    encoding: 'utf-8',
    counts: { postcode: 1 },
    findings: [
      {
        category: 'postcode',
        ruleId,
        severity: 'medium',
        line: 2,
        column: 1,
        confidence: 1,
        excerpt: 'LS1 ***',
        reasons: [],
      },
    ],
  };
}

const TOO_LARGE = { path: 'big.csv', code: 'TOO_LARGE', message: 'not scanned: larger than --max-file-size' };

describe('certificateBody', () => {
  it('is clean only for a complete scan that found nothing', () => {
    expect(certificateBody(report([]), CONTEXT).result.status).toBe('clean');
  });

  it('is incomplete, never clean, when some file was not fully inspected', () => {
    const body = certificateBody(report([], [TOO_LARGE]), CONTEXT);
    expect(body.result.status).toBe('incomplete');
    expect(body.coverage).toMatchObject({ complete: false, notInspected: [TOO_LARGE] });
  });

  it('is not-clean with paths and counts, never values, when something was found', () => {
    const body = certificateBody(
      report([file('a.csv'), file('b.csv', 'fingerprint.record')], [TOO_LARGE]),
      CONTEXT,
    );
    expect(body.result).toMatchObject({
      status: 'not-clean',
      filesWithFindings: 2,
      fingerprintMatches: { values: 0, records: 1, files: 0 },
      files: [
        { path: 'a.csv', verdict: 'personal-data', records: 2, counts: { postcode: 1 } },
        { path: 'b.csv', verdict: 'personal-data', records: 2, counts: { postcode: 1 } },
      ],
    });
    expect(JSON.stringify(body)).not.toContain('LS1');
    expect(body.scope.fingerprintKeyId).toBe('k'.repeat(32));
  });
});

describe('signCertificate / verifyCertificate', () => {
  const signer = generateKeyPairSync('ed25519');
  const other = generateKeyPairSync('ed25519');
  const signed = signCertificate(certificateBody(report([]), CONTEXT), signer.privateKey);
  const text = JSON.stringify(signed, null, 2);

  it('verifies with the signer key, also after the file is re-indented', () => {
    expect(verifyCertificate(text, signer.publicKey)).toMatchObject({
      valid: true,
      problems: [],
      embeddedKeyDiffers: false,
    });
    expect(verifyCertificate(JSON.stringify(signed), signer.publicKey).valid).toBe(true);
  });

  it('fails when any value of the body changes', () => {
    const tampered = text.replace('"filesScanned": 3', '"filesScanned": 4');
    expect(tampered).not.toBe(text);
    expect(verifyCertificate(tampered, signer.publicKey)).toMatchObject({
      valid: false,
      problems: [{ code: 'BAD_SIGNATURE' }],
    });
  });

  it('uses the key it is given, never the embedded one, and says when they differ', () => {
    expect(verifyCertificate(text, other.publicKey).problems).toEqual([{ code: 'BAD_SIGNATURE' }]);
    // A forger re-signs with their own key and embeds it: still refused under the trusted key.
    const forged = signCertificate(certificateBody(report([]), CONTEXT), other.privateKey);
    const v = verifyCertificate(JSON.stringify(forged), signer.publicKey);
    expect(v).toMatchObject({ valid: false, embeddedKeyDiffers: true });
  });

  it('refuses a signed body whose result contradicts its coverage', () => {
    const body = certificateBody(report([], [TOO_LARGE]), CONTEXT);
    const lying = signCertificate(
      { ...body, result: { ...body.result, status: 'clean' } },
      signer.privateKey,
    );
    expect(verifyCertificate(JSON.stringify(lying), signer.publicKey).problems).toEqual([
      { code: 'INCONSISTENT', detail: 'clean, but the scan was incomplete' },
    ]);
  });

  it('checks the fingerprint pack against the sha256 the certificate records', () => {
    expect(verifyCertificate(text, signer.publicKey, 'cd'.repeat(32)).problems).toEqual([
      { code: 'PACK_NOT_IN_CERTIFICATE' },
    ]);
    const withPack = certificateBody(report([]), {
      ...CONTEXT,
      scope: {
        ...CONTEXT.scope,
        fingerprintPack: {
          sha256: 'cd'.repeat(32),
          keyId: 'p'.repeat(32),
          columns: [{ name: 'surname', category: 'person-name' }],
          counts: { sourceRecords: 1, records: 1, values: 2, files: 1 },
        },
      },
    });
    const packText = JSON.stringify(signCertificate(withPack, signer.privateKey));
    expect(verifyCertificate(packText, signer.publicKey, 'cd'.repeat(32))).toMatchObject({
      valid: true,
      packMatches: true,
    });
    expect(verifyCertificate(packText, signer.publicKey, 'ef'.repeat(32))).toMatchObject({
      valid: false,
      packMatches: false,
    });
  });

  it('signs the canonical JSON of the body', () => {
    expect(canonicalJson(signed.body)).not.toContain('\n');
    expect(Buffer.from(signed.signature, 'base64')).toHaveLength(64);
    expect(signed.publicKey).toMatch(/^-----BEGIN PUBLIC KEY-----/);
  });

  it('reports what is not a certificate as malformed', () => {
    expect(verifyCertificate('{nope', signer.publicKey).problems[0]?.code).toBe('MALFORMED');
    expect(verifyCertificate('{"body":{}}', signer.publicKey).problems[0]?.code).toBe('MALFORMED');
  });
});
