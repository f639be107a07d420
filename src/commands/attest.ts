import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { DEFAULT_LIMITS } from '../engine/extract/limits.js';
import { ResidueError } from '../model/errors.js';
import type { Report } from '../model/report.js';
import { packPaths, packSource } from '../rulepack/packs.js';
import {
  type CertificateScope,
  certificateBody,
  type SignedCertificate,
  signCertificate,
} from '../workflow/certificate.js';
import { readPrivateKey } from '../workflow/certificate-keys.js';
import { certificateHost, ignoreFilesAt, sha256File } from '../workflow/certificate-scope.js';
import { ownerPrints, readPack } from '../workflow/pack.js';
import { runScan, type ScanCommandOptions } from './scan.js';

export interface AttestCommandOptions
  extends Omit<ScanCommandOptions, 'showValues' | 'suppressions' | 'baseline' | 'today' | 'ownerPrints'> {
  /** Ed25519 private key (PEM) that signs the certificate. */
  signingKey: string;
  /** The owner's fingerprint pack (.rfp), if any. */
  fingerprints?: string;
  /** Environment, for the user name when the system cannot tell it. */
  env: Record<string, string | undefined>;
}

/**
 * `residue attest`: scans, then signs a certificate of what was covered and found. Never applies suppressions
 * or baselines, and never shows values: a certificate states what is there, all of it, masked.
 */
export async function runAttest(
  o: AttestCommandOptions,
): Promise<{ certificate: SignedCertificate; report: Report }> {
  // Everything that can fail fails before the scan, which may take hours; what the scope records is read
  // before the scan too, as the scan used it.
  const key = readPrivateKey(o.signingKey);
  const pack = o.fingerprints ? readPack(o.fingerprints) : undefined;
  for (const path of o.paths) if (!existsSync(path)) throw new ResidueError('PATH_NOT_FOUND', { path });
  const roots = o.paths.map((p) => resolve(p));
  const rulePacks = packPaths(o.rules).map((p) => ({
    source: packSource(resolve(p)),
    sha256: sha256File(p),
  }));
  const ignoreFiles = ignoreFilesAt(roots);
  const limits = { ...DEFAULT_LIMITS, ...o.limits };
  const report = await runScan({
    ...o,
    paths: roots,
    showValues: false,
    ...(pack ? { ownerPrints: ownerPrints(pack.pack) } : {}),
  });
  const scope: CertificateScope = {
    roots,
    include: o.include,
    exclude: o.exclude,
    followSymlinks: o.followSymlinks,
    maxFileSize: o.maxFileSize,
    minConfidence: o.minConfidence,
    timeBudgetSeconds: o.timeBudgetSeconds,
    limits: {
      maxDepth: limits.maxDepth,
      maxExpandedBytes: limits.maxExpandedBytes,
      maxMembers: limits.maxMembers,
    },
    ignoreFiles,
    rulePacks: rulePacks.map((p) => {
      const info = report.rulePacks.find((r) => r.source === p.source);
      return { name: info?.name ?? '', version: info?.version ?? '', ...p };
    }),
    fingerprintKeyId: null,
    fingerprintPack: pack
      ? { sha256: pack.sha256, keyId: pack.pack.keyId, columns: pack.pack.columns, counts: pack.pack.counts }
      : null,
  };
  const body = certificateBody(report, { host: certificateHost(o.env), scope });
  return { certificate: signCertificate(body, key), report };
}
