import type { FileResult } from '../model/finding.js';
import type { Report } from '../model/report.js';
import { type ReportHead, streamReportFile } from './report-stream.js';

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
  const known = new Fingerprints();
  for (const file of report.files) known.addFile(file);
  return known.baseline(report, name);
}

/** Reads a baseline report (schemaVersion 1 with a fingerprint key id; exit 2 otherwise), streaming its files. */
export function loadBaseline(path: string): Baseline {
  const known = new Fingerprints();
  const head = streamReportFile(path, (file) => known.addFile(file));
  return known.baseline(head, path);
}

/** The fingerprints gathered so far, file by file: a baseline never holds the files themselves. */
class Fingerprints {
  readonly files = new Set<string>();
  readonly findings = new Set<string>();

  addFile(file: FileResult): void {
    if (file.fingerprint) this.files.add(file.fingerprint);
    for (const f of file.findings) if (f.fingerprint) this.findings.add(f.fingerprint);
  }

  baseline(head: ReportHead, name: string): Baseline {
    // An earlier baseline's own suppressions are still known facts: suppressing them again keeps a
    // baseline built from a suppressed scan as strong as the one before it.
    for (const s of head.suppressed ?? [])
      (s.kind === 'file' ? this.files : this.findings).add(s.fingerprint);
    return { name, keyId: head.fingerprints?.keyId ?? '', files: this.files, findings: this.findings };
  }
}
