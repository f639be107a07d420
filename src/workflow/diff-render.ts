import { Chalk } from 'chalk';
import type { FileError } from '../model/finding.js';
import { CATEGORIES, type Category } from '../model/vocabulary.js';
import { prettyJsonPieces } from '../report/json-pieces.js';
import { sanitize } from '../report/sanitize.js';
import { DIFF_STATUSES, type DiffStatus, type FileDiff, type FileState, type ReportDiff } from './diff.js';

// Renders a ReportDiff. Pure. Like scan reports, a diff carries paths, verdicts, counts and fingerprints,
// never values or excerpts.

/** The JSON shape documented in the README ("residue diff"), keys in a fixed order. */
export function renderDiffJson(diff: ReportDiff): string {
  return [...diffJsonPieces(diff)].join('');
}

/** The same text in pieces, a file entry each: a diff of millions of files need never be one string. */
export function diffJsonPieces(diff: ReportDiff): Generator<string> {
  const out = {
    diffVersion: diff.diffVersion,
    keyId: diff.keyId,
    before: diff.before,
    after: diff.after,
    files: [],
    incomplete: diff.incomplete,
    summary: diff.summary,
  };
  return prettyJsonPieces(out, 'files', jsonEntries(diff.files));
}

function* jsonEntries(files: FileDiff[]): Generator<Record<string, unknown>> {
  for (const f of files) {
    yield {
      path: f.path,
      status: f.status,
      ...(f.from !== undefined ? { from: f.from, match: f.match } : {}),
      appeared: f.appeared,
      before: f.before,
      after: f.after,
      added: f.added,
      removed: f.removed,
      notes: f.notes,
    };
  }
}

const HEADING: Record<DiffStatus, string> = {
  new: 'NEW: personal data at a path that had none',
  copy: 'COPIED: the same data now also at another path',
  move: 'MOVED: the same data at another path, the original gone',
  changed: 'CHANGED',
  unread: 'NOT FULLY READ IN AFTER: had findings before',
  gone: 'GONE: no findings at this path any more (deleted or cleaned)',
  unchanged: 'UNCHANGED',
};
const MARK: Record<DiffStatus, string> = {
  new: '+',
  copy: '+',
  move: '>',
  changed: '~',
  unread: '?',
  gone: '-',
  unchanged: '=',
};

/** Text for people: one section per status, most urgent first, then what the scans could not read. */
export function renderDiffText(diff: ReportDiff, options: { color: boolean }): string {
  return [...diffTextPieces(diff, options)].join('');
}

/** The same text in pieces of whole lines, about 64 KiB each. */
export function* diffTextPieces(diff: ReportDiff, options: { color: boolean }): Generator<string> {
  let lines: string[] = [];
  let size = 0;
  const add = (more: string[]): string | undefined => {
    for (const line of more) {
      lines.push(line);
      size += line.length + 1;
    }
    if (size < 64 * 1024) return undefined;
    const piece = `${lines.join('\n')}\n`;
    lines = [];
    size = 0;
    return piece;
  };
  for (const group of diffTextLines(diff, options)) {
    const piece = add(group);
    if (piece !== undefined) yield piece;
  }
  if (lines.length > 0) yield `${lines.join('\n')}\n`;
}

/** The lines of the text, a few at a time. */
function* diffTextLines(diff: ReportDiff, options: { color: boolean }): Generator<string[]> {
  const c = new Chalk({ level: options.color ? 1 : 0 });
  const lines: string[] = [];
  for (const [label, s] of [
    ['before', diff.before],
    ['after ', diff.after],
  ] as const) {
    lines.push(
      `${label}  ${sanitize(s.report)}: ${s.roots.map(sanitize).join(', ')} scanned ${s.startedAt}, ${s.files} ${s.files === 1 ? 'file' : 'files'} with findings${s.complete ? '' : c.yellow(' (incomplete)')}`,
    );
  }
  // Paths are relative to the roots: reports of different folders compare unrelated files ("all gone").
  if (diff.before.roots.join('\0') !== diff.after.roots.join('\0')) {
    lines.push(c.yellow('warning: the two scans have different roots; paths are compared as they stand'));
  }
  lines.push('');
  yield lines;
  for (const status of DIFF_STATUSES) {
    const files = diff.files.filter((f) => f.status === status);
    if (files.length === 0) continue;
    const heading = `${HEADING[status]} (${files.length})`;
    yield [files.some((f) => f.appeared) ? c.red.bold(heading) : c.bold(heading)];
    for (const f of files) yield fileLines(f);
    yield [''];
  }
  if (diff.files.length === 0) yield ['no files with findings in either report', ''];
  yield [
    ...incompleteLines(diff.incomplete.before, 'BEFORE'),
    ...incompleteLines(diff.incomplete.after, 'AFTER'),
    summaryLine(diff),
  ];
}

function fileLines(f: FileDiff): string[] {
  const path = sanitize(f.path);
  const lines: string[] = [];
  switch (f.status) {
    case 'copy':
    case 'move': {
      const how = f.match === 'content' ? 'same content' : 'same findings';
      const verb = f.status === 'copy' ? 'copy of' : 'moved from';
      lines.push(
        `  ${MARK[f.status]} ${path}  ${verb} ${sanitize(f.from ?? '')} (${how}); ${describe(f.after)}`,
      );
      break;
    }
    case 'changed':
      lines.push(`  ${MARK.changed} ${path}  ${transition(f.before, f.after)}`);
      break;
    case 'gone':
    case 'unread':
      lines.push(`  ${MARK[f.status]} ${path}  was ${describe(f.before)}`);
      break;
    default:
      lines.push(`  ${MARK[f.status]} ${path}  ${describe(f.after)}`);
  }
  if (f.status === 'new' && f.after) lines.push(`      ${countsText(f.after.counts)}`);
  if (f.status === 'changed' || f.status === 'copy' || f.status === 'move') {
    if (Object.keys(f.added).length > 0) lines.push(`      added values: ${countsText(f.added)}`);
    if (Object.keys(f.removed).length > 0) lines.push(`      removed values: ${countsText(f.removed)}`);
  }
  for (const note of f.notes) lines.push(`      note: ${sanitize(note)}`);
  return lines;
}

function describe(s: FileState | null): string {
  if (!s) return 'no findings';
  return s.verdict === 'personal-data' ? `personal-data, ${records(s.records)}` : s.verdict;
}

function transition(before: FileState | null, after: FileState | null): string {
  if (!before || !after) return `${describe(before)} → ${describe(after)}`;
  const verdict = before.verdict === after.verdict ? after.verdict : `${before.verdict} → ${after.verdict}`;
  const recs =
    before.records === after.records
      ? records(after.records)
      : `records ${before.records} → ${after.records}`;
  return `${verdict}, ${recs}`;
}

function records(n: number): string {
  return `${n} ${n === 1 ? 'record' : 'records'}`;
}

function countsText(counts: Partial<Record<Category, number>>): string {
  return CATEGORIES.filter((k) => (counts[k] ?? 0) > 0)
    .map((k) => `${k} ${counts[k]}`)
    .join(' · ');
}

function incompleteLines(errors: FileError[], which: string): string[] {
  if (errors.length === 0) return [];
  const n = errors.length;
  return [
    `INCOMPLETE: ${n} ${n === 1 ? 'file' : 'files'} not fully read in ${which}; the diff cannot speak for ${n === 1 ? 'it' : 'them'}`,
    ...errors.map((e) => `  ! ${sanitize(e.path)}  ${sanitize(e.message)}`),
    '',
  ];
}

const SUMMARY_LABEL: Record<DiffStatus, string> = {
  new: 'new',
  copy: 'copied',
  move: 'moved',
  changed: 'changed',
  unread: 'not fully read',
  gone: 'gone',
  unchanged: 'unchanged',
};

function summaryLine(diff: ReportDiff): string {
  const s = diff.summary;
  const parts = DIFF_STATUSES.filter((k) => s[k] > 0).map((k) => `${s[k]} ${SUMMARY_LABEL[k]}`);
  const counts = parts.length > 0 ? parts.join(', ') : 'no files with findings';
  const verdict = s.appeared ? 'personal data appeared' : 'no personal data appeared';
  return `${verdict}: ${counts}${s.complete ? '' : '; scans incomplete'}`;
}
