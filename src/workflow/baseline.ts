import type { Report } from '../model/report.js';
import { readReportFile } from './report-file.js';

/**
 * What an earlier report knew (`residue scan --baseline REPORT.json`): every file content fingerprint and
 * every finding fingerprint in it. A scan with this baseline reports only what the earlier one did not —
 * how CI adopts residue on an estate that already holds personal data. Fingerprints are matched wherever
 * they occur: a value or a file's bytes already in the baseline are known, at any path.
 */
export interface Baseline {
  /** The report file, as given. */
  name: string;
  keyId: string;
  files: ReadonlySet<string>;
  findings: ReadonlySet<string>;
}

export function baselineOf(report: Report, name: string): Baseline {
  const files = new Set<string>();
  const findings = new Set<string>();
  for (const file of report.files) {
    if (file.fingerprint) files.add(file.fingerprint);
    for (const f of file.findings) if (f.fingerprint) findings.add(f.fingerprint);
  }
  // An earlier baseline's own suppressions are still known facts: suppressing them again keeps a
  // baseline built from a suppressed scan as strong as the one before it.
  for (const s of report.suppressed ?? []) (s.kind === 'file' ? files : findings).add(s.fingerprint);
  return { name, keyId: report.fingerprints?.keyId ?? '', files, findings };
}

/** Reads a baseline report (schemaVersion 1 with a fingerprint key id; exit 2 otherwise). */
export function loadBaseline(path: string): Baseline {
  return baselineOf(readReportFile(path), path);
}
