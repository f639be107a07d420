import type { Report } from '../model/report.js';
import { formatCount, plural } from './units.js';

/**
 * One line for a person at a terminal when the report itself went to a file or a machine format:
 * `residue: 10 files scanned · 5 personal-data · 2 contains-pii · 1 not fully read → report.sarif`.
 */
export function summaryLine(report: Report, destination?: string): string {
  const s = report.summary;
  const parts = [
    `${plural(s.filesScanned, 'file')} scanned`,
    `${formatCount(s.verdicts['personal-data'])} personal-data`,
    `${formatCount(s.verdicts['contains-pii'])} contains-pii`,
  ];
  if (s.errors > 0) parts.push(`${formatCount(s.errors)} not fully read`);
  return `residue: ${parts.join(' · ')}${destination ? ` → ${destination}` : ''}\n`;
}
