import { createPublicKey, type KeyObject, sign, verify } from 'node:crypto';
import { OWNER_RULE } from '../engine/classify/owner-pack.js';
import type { FileError, SkippedFile } from '../model/finding.js';
import type { Report } from '../model/report.js';
import type { Category, Verdict } from '../model/vocabulary.js';
import { canonicalJson } from './canonical-json.js';
import { parsePublicKey, publicKeyPem } from './certificate-keys.js';

/**
 * A deletion certificate: what a scan covered and found, signed with Ed25519 over the canonical JSON of its
 * body. `clean` is given only to a complete scan that found nothing and none of the owner's data.
 */
export const CERTIFICATE_FORMAT = 'residue-deletion-certificate';
export const CERTIFICATE_VERSION = 1;
export const CERTIFICATE_STATUSES = ['clean', 'not-clean', 'incomplete'] as const;
export type CertificateStatus = (typeof CERTIFICATE_STATUSES)[number];

export interface CertificateScope {
  /** Absolute paths of what was scanned. */
  roots: string[];
  include: string[];
  exclude: string[];
  followSymlinks: boolean;
  maxFileSize: number;
  minConfidence: number;
  timeBudgetSeconds: number;
  limits: { maxDepth: number; maxExpandedBytes: number; maxMembers: number };
  /** `.residueignore` files at the roots: the walker leaves out what they list. */
  ignoreFiles: { path: string; sha256: string; patterns: string[] }[];
  rulePacks: { name: string; version: string; source: string; sha256: string }[];
  /** keyId of the organisation fingerprint key the report's fingerprints use. */
  fingerprintKeyId: string | null;
  fingerprintPack: {
    sha256: string;
    keyId: string;
    columns: { name: string; category: Category }[];
    counts: { sourceRecords: number; records: number; values: number; files: number };
  } | null;
}

export interface CertificateBody {
  format: typeof CERTIFICATE_FORMAT;
  version: typeof CERTIFICATE_VERSION;
  tool: { name: 'residue'; version: string };
  host: { hostname: string; user: string; platform: string };
  scope: CertificateScope;
  time: { startedAt: string; finishedAt: string };
  coverage: {
    complete: boolean;
    filesScanned: number;
    bytesScanned: number;
    /** Every file or member not fully inspected, with the reason (the report's errors). */
    notInspected: FileError[];
    skipped: SkippedFile[];
    /** Files of a format residue does not know, read only through their printable strings. */
    stringsOnly?: string[];
  };
  result: {
    status: CertificateStatus;
    filesWithFindings: number;
    verdicts: Record<Verdict, number>;
    records: number;
    findings: number;
    fingerprintMatches: { values: number; records: number; files: number };
    /** Paths of the files with findings, their verdicts and counts per category; never a value. */
    files: { path: string; verdict: Verdict; records: number; counts: Partial<Record<Category, number>> }[];
  };
}

export interface SignedCertificate {
  body: CertificateBody;
  /** Ed25519 signature of canonicalJson(body), base64. */
  signature: string;
  /** The signer's public key (SPKI PEM), for information: verification uses the key the verifier trusts. */
  publicKey: string;
}

export interface CertificateContext {
  host: CertificateBody['host'];
  scope: CertificateScope;
}

/** The certificate body for a finished scan. */
export function certificateBody(report: Report, context: CertificateContext): CertificateBody {
  const matches = { values: 0, records: 0, files: 0 };
  // One pass, keeping what the certificate lists: a spooled list is read once, not held whole.
  const found: CertificateBody['result']['files'] = [];
  for (const f of report.files) {
    for (const finding of f.findings) {
      if (finding.ruleId === OWNER_RULE.value) matches.values++;
      else if (finding.ruleId === OWNER_RULE.record) matches.records++;
      else if (finding.ruleId === OWNER_RULE.file) matches.files++;
    }
    if (f.verdict !== 'clean')
      found.push({ path: f.path, verdict: f.verdict, records: f.records, counts: f.counts });
  }
  const complete = report.summary.complete && report.errors.length === 0;
  const status: CertificateStatus =
    found.length > 0 || matches.values + matches.records + matches.files > 0
      ? 'not-clean'
      : complete
        ? 'clean'
        : 'incomplete';
  return {
    format: CERTIFICATE_FORMAT,
    version: CERTIFICATE_VERSION,
    tool: { name: 'residue', version: report.tool.version },
    host: context.host,
    scope: { ...context.scope, fingerprintKeyId: report.fingerprints?.keyId ?? null },
    time: { startedAt: report.startedAt, finishedAt: report.finishedAt },
    coverage: {
      complete,
      filesScanned: report.summary.filesScanned,
      bytesScanned: report.summary.bytesScanned,
      notInspected: report.errors.map((e) => ({ path: e.path, code: e.code, message: e.message })),
      skipped: report.skipped.map((s) => ({ path: s.path, reason: s.reason })),
      stringsOnly: report.stringsOnly ?? [],
    },
    result: {
      status,
      filesWithFindings: found.length,
      verdicts: report.summary.verdicts,
      records: report.summary.records,
      findings: report.summary.findings,
      fingerprintMatches: matches,
      files: found,
    },
  };
}

export function signCertificate(body: CertificateBody, privateKey: KeyObject): SignedCertificate {
  const signature = sign(null, Buffer.from(canonicalJson(body), 'utf8'), privateKey).toString('base64');
  return { body, signature, publicKey: publicKeyPem(createPublicKey(privateKey)) };
}

/** Why a certificate does not verify; worded by the CLI. */
export type CertificateProblem =
  | 'MALFORMED'
  | 'BAD_SIGNATURE'
  | 'INCONSISTENT'
  | 'PACK_NOT_IN_CERTIFICATE'
  | 'PACK_MISMATCH';

export interface Verification {
  /** Signature good with the trusted key, body well-formed and consistent, pack (if given) the one used. */
  valid: boolean;
  problems: { code: CertificateProblem; detail?: string }[];
  /** The certificate's embedded public key is not the one verification used. */
  embeddedKeyDiffers: boolean;
  body: CertificateBody | null;
  /** Set when a pack was given: whether its sha256 is the one the certificate records. */
  packMatches?: boolean;
}

/**
 * Verifies a certificate's text with the public key the verifier trusts (never the embedded one) and, when
 * given, the sha256 of the fingerprint pack the owner handed over.
 */
export function verifyCertificate(text: string, trusted: KeyObject, packSha256?: string): Verification {
  const out: Verification = { valid: false, problems: [], embeddedKeyDiffers: false, body: null };
  let signed: Partial<SignedCertificate>;
  try {
    signed = JSON.parse(text) as Partial<SignedCertificate>;
  } catch {
    out.problems.push({ code: 'MALFORMED', detail: 'not JSON' });
    return out;
  }
  if (!signed || typeof signed !== 'object' || typeof signed.signature !== 'string' || !signed.body) {
    out.problems.push({ code: 'MALFORMED', detail: 'expected { body, signature, publicKey }' });
    return out;
  }
  const embedded = typeof signed.publicKey === 'string' ? parsePublicKey(signed.publicKey) : null;
  out.embeddedKeyDiffers = !embedded?.equals(trusted);
  let good = false;
  try {
    good = verify(
      null,
      Buffer.from(canonicalJson(signed.body), 'utf8'),
      trusted,
      Buffer.from(signed.signature, 'base64'),
    );
  } catch {
    good = false;
  }
  if (!good) {
    out.problems.push({ code: 'BAD_SIGNATURE' });
    return out;
  }
  const shape = shapeProblem(signed.body);
  if (shape) {
    out.problems.push({ code: 'MALFORMED', detail: shape });
    return out;
  }
  const body = signed.body as CertificateBody;
  out.body = body;
  const inconsistency = consistencyProblem(body);
  if (inconsistency) out.problems.push({ code: 'INCONSISTENT', detail: inconsistency });
  if (packSha256 !== undefined) {
    const recorded = body.scope.fingerprintPack?.sha256;
    out.packMatches = recorded === packSha256;
    if (!recorded) out.problems.push({ code: 'PACK_NOT_IN_CERTIFICATE' });
    else if (!out.packMatches) out.problems.push({ code: 'PACK_MISMATCH', detail: recorded });
  }
  out.valid = out.problems.length === 0;
  return out;
}

/** The fields a summary reads, checked so that a signed but foreign document is refused, not misread. */
function shapeProblem(b: unknown): string | null {
  const body = b as Partial<CertificateBody>;
  if (body.format !== CERTIFICATE_FORMAT) return `not a ${CERTIFICATE_FORMAT}`;
  if (body.version !== CERTIFICATE_VERSION) return `version ${String(body.version)} is not supported`;
  const obj = (x: unknown): x is Record<string, unknown> =>
    typeof x === 'object' && x !== null && !Array.isArray(x);
  const str = (x: unknown): boolean => typeof x === 'string';
  const num = (x: unknown): boolean => typeof x === 'number' && Number.isFinite(x);
  const list = (x: unknown, each: (y: unknown) => boolean): boolean => Array.isArray(x) && x.every(each);
  const has = (x: unknown, fields: Record<string, (y: unknown) => boolean>): boolean =>
    obj(x) && Object.entries(fields).every(([k, check]) => check(x[k]));
  const strings = (x: unknown) => list(x, str);
  const checks: [string, boolean][] = [
    ['tool', has(body.tool, { version: str })],
    ['host', has(body.host, { hostname: str, user: str, platform: str })],
    ['time', has(body.time, { startedAt: str, finishedAt: str })],
    [
      'scope',
      has(body.scope, {
        roots: strings,
        include: strings,
        exclude: strings,
        followSymlinks: (x) => typeof x === 'boolean',
        minConfidence: num,
        ignoreFiles: (x) => list(x, (f) => has(f, { path: str, sha256: str, patterns: strings })),
        rulePacks: (x) => list(x, (p) => has(p, { name: str, version: str, sha256: str })),
        fingerprintPack: (x) =>
          x === null ||
          has(x, {
            sha256: str,
            columns: (c) => list(c, (y) => has(y, { name: str, category: str })),
            counts: (c) => has(c, { records: num, files: num }),
          }),
      }),
    ],
    [
      'coverage',
      has(body.coverage, {
        complete: (x) => typeof x === 'boolean',
        filesScanned: num,
        bytesScanned: num,
        notInspected: (x) => list(x, (e) => has(e, { path: str, message: str })),
        skipped: (x) => list(x, (e) => has(e, { path: str, reason: str })),
      }),
    ],
    [
      'result',
      has(body.result, {
        status: (x) => (CERTIFICATE_STATUSES as readonly unknown[]).includes(x),
        findings: num,
        verdicts: obj,
        fingerprintMatches: (x) => has(x, { values: num, records: num, files: num }),
        files: (x) => list(x, (f) => has(f, { path: str, verdict: str, records: num, counts: obj })),
      }),
    ],
  ];
  const bad = checks.filter(([, ok]) => !ok).map(([name]) => name);
  return bad.length > 0 ? `${bad.join(', ')} missing or malformed` : null;
}

/** A clean result must rest on a complete scan that found nothing; a signer's bug must not pass as proof. */
function consistencyProblem(body: CertificateBody): string | null {
  const { coverage, result } = body;
  const matches = result.fingerprintMatches;
  const foundSomething =
    result.files.length > 0 || result.findings > 0 || matches.values + matches.records + matches.files > 0;
  if (result.status === 'clean') {
    if (!coverage.complete || coverage.notInspected.length > 0) return 'clean, but the scan was incomplete';
    if (foundSomething) return 'clean, but findings are listed';
  }
  if (result.status === 'incomplete' && coverage.complete && coverage.notInspected.length === 0)
    return 'incomplete, but the coverage is complete';
  if (result.status === 'not-clean' && !foundSomething) return 'not clean, but nothing is listed';
  return null;
}
