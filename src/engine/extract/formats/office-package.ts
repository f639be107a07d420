import type { Entry } from 'yauzl';
import { type ExpansionBudget, ExtractError } from '../limits.js';
import { ROW_MAX_CHARS } from './office-text.js';
import { attributes, type XmlHandler, xmlSteps } from './office-xml.js';
import type { Part } from './types.js';
import type { ZipArchive } from './zip.js';

/**
 * An office document's zip, seen as a package of named parts: OOXML's Open Packaging Conventions (parts
 * found through `_rels/*.rels` relationships) and ODF's flat layout alike. Part names are matched without
 * regard to case, as OPC requires.
 */
export class OfficePackage {
  private readonly byName = new Map<string, Entry>();

  constructor(
    readonly zip: ZipArchive,
    /** The document's own path (`letters/offer.docx`), where document-wide errors are reported. */
    readonly path: string,
    /** The top-level file's budget, charged with a part read with `charged` (none: nothing charged). */
    private readonly budget?: ExpansionBudget,
  ) {
    for (const entry of zip.entries) {
      const key = entry.fileName.replace(/^\/+/, '').toLowerCase();
      if (!this.byName.has(key)) this.byName.set(key, entry);
    }
  }

  entry(name: string): Entry | undefined {
    return this.byName.get(name.replace(/^\/+/, '').toLowerCase());
  }

  has(name: string): boolean {
    return this.entry(name) !== undefined;
  }

  /** Entries whose names match, in the order of the numbers in their names (`slide2` before `slide10`). */
  matching(pattern: RegExp): Entry[] {
    return this.zip.entries.filter((e) => pattern.test(e.fileName)).sort(byNumberInName);
  }

  /**
   * Reads the XML part `name` into `handler`. Returns the error to report at `reportAt` (a missing part, a
   * member that cannot be read, XML that is not well-formed) or null when it read cleanly. What was read
   * before a problem stays with the handler, so a broken part is still scanned as far as it goes.
   * `charged` charges each chunk of the part's XML to the expansion budget as it is read (a spent budget stops
   * the file): for a part whose content is kept (shared strings), not handed on as text the scan charges.
   */
  async read(name: string, handler: XmlHandler, reportAt = this.path, charged = false): Promise<Part | null> {
    const steps = this.steps(name, handler, reportAt, charged);
    for (;;) {
      const step = await steps.next();
      if (step.done) return step.value;
    }
  }

  /**
   * `read`, pausing after each chunk of the part: the caller can hand on what `handler` made of it before
   * more is read (a sheet's rows, as they come), or stop reading. Returns what `read` returns.
   */
  async *steps(
    name: string,
    handler: XmlHandler,
    reportAt = this.path,
    charged = false,
  ): AsyncGenerator<void, Part | null> {
    const entry = this.entry(name);
    if (!entry) return errorPart('CORRUPT', reportAt, `a part is missing (${describe(name)})`);
    try {
      const chunks = this.zip.source(entry).chunks();
      const budget = charged ? this.budget : undefined;
      const problem = yield* xmlSteps(
        budget ? metered(chunks, budget, `${this.path}!/${entry.fileName}`) : chunks,
        handler,
      );
      if (!problem) return null;
      return errorPart(
        'CORRUPT',
        reportAt,
        `malformed XML in ${entry.fileName} (${problem.reason} at character ${problem.offset})`,
      );
    } catch (e) {
      if (e instanceof ExtractError && !e.stopsFile) return errorPart(e.code, reportAt, e.detail);
      throw e;
    }
  }

  /** Reads a small part as text (ODF's `mimetype`); null when it is missing or unreadable. */
  async readText(name: string, maxBytes = 4096): Promise<string | null> {
    const entry = this.entry(name);
    if (!entry || entry.uncompressedSize > maxBytes) return null;
    try {
      return new TextDecoder().decode(await this.zip.read(entry));
    } catch (e) {
      if (e instanceof ExtractError && !e.stopsFile) return null;
      throw e;
    }
  }

  /**
   * The relationships of `part` (`xl/workbook.xml` → `xl/_rels/workbook.xml.rels`; the package's own, `''` →
   * `_rels/.rels`) by id, targets resolved to part names. A part without a relationships part has none
   * (callers fall back to naming rules).
   */
  async relationships(part: string): Promise<{ rels: Map<string, Relationship>; error: Part | null }> {
    const rels = new Map<string, Relationship>();
    const slash = part.lastIndexOf('/');
    const dir = slash === -1 ? '' : part.slice(0, slash);
    const relsName = `${dir ? `${dir}/` : ''}_rels/${part.slice(slash + 1)}.rels`;
    if (!this.has(relsName)) return { rels, error: null };
    const error = await this.read(relsName, {
      open(name, raw) {
        if (name !== 'Relationship') return;
        const a = attributes(raw);
        if (!a.Id || a.Target === undefined) return;
        const external = a.TargetMode === 'External';
        rels.set(a.Id, {
          id: a.Id,
          type: a.Type ?? '',
          target: external ? a.Target : resolvePartName(dir, a.Target),
          external,
        });
      },
      close() {},
      text() {},
    });
    return { rels, error };
  }

  /** The target of the first relationship of `part` whose type ends with `/typeSuffix`. */
  async relatedPart(part: string, typeSuffix: string): Promise<string | null> {
    const { rels } = await this.relationships(part);
    for (const r of rels.values()) if (!r.external && r.type.endsWith(`/${typeSuffix}`)) return r.target;
    return null;
  }
}

export interface Relationship {
  id: string;
  /** The relationship type URI (`…/relationships/worksheet`). */
  type: string;
  /** A part name inside the package (`xl/worksheets/sheet1.xml`), or the URI as written for an external one. */
  target: string;
  external: boolean;
}

/** Resolves a relationship target against the source part's folder: `../media/a.png`, `/xl/x.xml`. */
export function resolvePartName(dir: string, target: string): string {
  let decoded = target;
  try {
    decoded = decodeURIComponent(target);
  } catch {
    // Not percent-encoded after all: take it as written.
  }
  const segments = decoded.startsWith('/') ? [] : dir.split('/').filter(Boolean);
  for (const s of decoded.split('/')) {
    if (s === '' || s === '.') continue;
    if (s === '..') segments.pop();
    else segments.push(s);
  }
  return segments.join('/');
}

/**
 * True when a part was read, if only in part: no error, or XML that stopped being well-formed (a member that
 * is encrypted, in an unknown compression, or over a limit yields no text at all).
 */
export function wasRead(error: Part | null): boolean {
  return error === null || (error.kind === 'error' && error.error.code === 'CORRUPT');
}

export function errorPart(code: ExtractError['code'], path: string, detail: string): Part {
  return { kind: 'error', error: new ExtractError(code, path, detail) };
}

/** A sheet with rows cut short at ROW_MAX_CHARS: listed as not fully read. */
export function cutRowsPart(path: string, rows: number): Part {
  const what = rows === 1 ? 'a row' : `${rows} rows`;
  return errorPart('LIMIT', path, `${what} longer than ${ROW_MAX_CHARS} characters cut short`);
}

/** A part name from inside the file, shown only as its fixed kind: a relationship target is file content. */
function describe(name: string): string {
  const known = /^(?:word\/document|xl\/workbook|ppt\/presentation|content|styles)\.xml$/i;
  return known.test(name) ? name : 'a referenced part';
}

async function* metered(
  chunks: AsyncIterable<Uint8Array>,
  budget: ExpansionBudget,
  path: string,
): AsyncIterable<Uint8Array> {
  for await (const chunk of chunks) {
    budget.bytes(chunk.length, path);
    yield chunk;
  }
}

function byNumberInName(a: Entry, b: Entry): number {
  const na = Number(/(\d+)\D*$/.exec(a.fileName)?.[1] ?? Number.NaN);
  const nb = Number(/(\d+)\D*$/.exec(b.fileName)?.[1] ?? Number.NaN);
  if (Number.isNaN(na) || Number.isNaN(nb) || na === nb) return a.fileName < b.fileName ? -1 : 1;
  return na - nb;
}
