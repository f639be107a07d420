import { SqliteFormatError } from './sqlite-pager.js';

/*
 * Just enough of SQLite's SQL to read a table's columns from the CREATE TABLE statement its schema keeps:
 * names (quoted "x", [x], `x` or 'x'), declared types, PRIMARY KEY (as a column or a table constraint), simple
 * DEFAULT literals, generated columns, WITHOUT ROWID. Everything else (CHECK, REFERENCES, COLLATE, table
 * constraints other than PRIMARY KEY) is skipped, parentheses and all.
 */

export const NOT_UNDERSTOOD = 'table definition not understood';

type Kind = 'word' | 'name' | 'string' | 'number' | 'blob' | 'punct';

/** A token: `word` a bare identifier or keyword, `name` a quoted identifier, text unquoted. */
interface Token {
  kind: Kind;
  text: string;
}

const PATTERNS: [RegExp, Kind | null][] = [
  [/\s+|--[^\n]*|\/\*[\s\S]*?(?:\*\/|$)/y, null],
  [/[xX]'[0-9a-fA-F]*'/y, 'blob'],
  [/0[xX][0-9a-fA-F_]+|(?:\d[\d_]*(?:\.[\d_]*)?|\.\d[\d_]*)(?:[eE][+-]?\d+)?/y, 'number'],
  [/[A-Za-z_\u0080-\uffff][\w$\u0080-\uffff]*/y, 'word'],
  [/"(?:[^"]|"")*"|`(?:[^`]|``)*`|\[[^\]]*\]/y, 'name'],
  [/'(?:[^']|'')*'/y, 'string'],
  [/[\s\S]/y, 'punct'],
];

function tokenize(sql: string): Token[] {
  const tokens: Token[] = [];
  let at = 0;
  while (at < sql.length) {
    for (const [pattern, kind] of PATTERNS) {
      pattern.lastIndex = at;
      const match = pattern.exec(sql);
      if (match === null) continue;
      at = pattern.lastIndex;
      if (kind !== null) tokens.push({ kind, text: unquote(kind, match[0]) });
      break;
    }
  }
  return tokens;
}

function unquote(kind: Kind, raw: string): string {
  if (kind === 'string') return raw.slice(1, -1).replaceAll("''", "'");
  if (kind !== 'name') return raw;
  const body = raw.slice(1, -1);
  if (raw[0] === '"') return body.replaceAll('""', '"');
  if (raw[0] === '`') return body.replaceAll('``', '`');
  return body;
}

/** Upper case for ASCII letters only, as SQLite folds keywords, types and names (`ı` stays `ı`). */
export function asciiUpper(text: string): string {
  return text.replace(/[a-z]+/g, (m) => m.toUpperCase());
}

const isWord = (t: Token | undefined, ...words: string[]): boolean =>
  t?.kind === 'word' && words.includes(asciiUpper(t.text));

/** A literal DEFAULT, as SQLite stores it before the column's affinity applies; `complex` for anything else. */
export type DefaultLiteral =
  | { kind: 'none' | 'complex' }
  | { kind: 'null' }
  | { kind: 'number'; text: string }
  | { kind: 'text'; text: string }
  | { kind: 'blob'; hex: string };

export interface ColumnDefinition {
  name: string;
  /** The declared type, its words joined by single spaces ('' when none). */
  type: string;
  /** PRIMARY KEY declared on the column; `desc` keeps an INTEGER column from being the rowid alias. */
  primaryKey: 'asc' | 'desc' | null;
  defaultValue: DefaultLiteral;
  /** A generated column: STORED ones are in the record, VIRTUAL ones (the default) are not. */
  generated: 'virtual' | 'stored' | null;
}

export interface TableDefinition {
  columns: ColumnDefinition[];
  /** The PRIMARY KEY's columns in key order (indexes into `columns`), duplicates dropped. */
  primaryKey: number[];
  /** The PRIMARY KEY's terms as written, duplicates counted: `PRIMARY KEY(id, id)` is no rowid alias. */
  keyTerms: number;
  withoutRowid: boolean;
}

/** The module of `CREATE VIRTUAL TABLE name USING module(...)`, lower-cased; null when not a virtual table. */
export function virtualTableModule(sql: string): string | null {
  const tokens = tokenize(sql);
  const using = tokens.findIndex((t) => isWord(t, 'USING'));
  if (!isWord(tokens[1], 'VIRTUAL') || using < 0) return null;
  return tokens[using + 1]?.text.toLowerCase() ?? null;
}

/**
 * The columns a full-text (FTS3/4/5) virtual table declares, `CREATE VIRTUAL TABLE t USING fts4(surname, dob,
 * tokenize=porter)` → surname, dob: its arguments other than options (`name=value`, FTS3's `tokenize x`).
 */
export function virtualTableColumns(sql: string): string[] {
  const tokens = tokenize(sql);
  const using = tokens.findIndex((t) => isWord(t, 'USING'));
  const open = using + 2;
  if (using < 0 || tokens[open]?.kind !== 'punct' || tokens[open]?.text !== '(') return [];
  return listAt(tokens, open).items.flatMap((arg) => {
    const first = arg[0];
    if (first === undefined || first.kind === 'punct' || isWord(first, 'TOKENIZE')) return [];
    return arg.some((t) => t.kind === 'punct' && t.text === '=') ? [] : [first.text];
  });
}

export function parseCreateTable(sql: string): TableDefinition {
  const tokens = tokenize(sql);
  let at = 0;
  const expect = (ok: boolean): void => {
    if (!ok) throw new SqliteFormatError(NOT_UNDERSTOOD);
  };
  expect(isWord(tokens[at++], 'CREATE'));
  if (isWord(tokens[at], 'TEMP', 'TEMPORARY')) at++;
  expect(isWord(tokens[at++], 'TABLE'));
  if (isWord(tokens[at], 'IF')) at += 3;
  at++;
  if (tokens[at]?.text === '.' && tokens[at]?.kind === 'punct') at += 2;
  expect(tokens[at]?.kind === 'punct' && tokens[at]?.text === '(');
  const { items, close } = listAt(tokens, at);
  at = close;
  expect(at < tokens.length);
  const options = tokens.slice(at + 1);
  const withoutRowid = options.some((t, i) => isWord(t, 'WITHOUT') && isWord(options[i + 1], 'ROWID'));
  const columns: ColumnDefinition[] = [];
  const keyNames: string[] = [];
  for (const item of items) {
    if (isWord(item[0], 'CONSTRAINT', 'PRIMARY', 'UNIQUE', 'CHECK', 'FOREIGN')) {
      keyNames.push(...tableKeyColumns(item));
    } else {
      const column = columnDefinition(item);
      columns.push(column);
      if (column.primaryKey !== null) keyNames.push(column.name);
    }
  }
  expect(columns.length > 0);
  const primaryKey: number[] = [];
  for (const name of keyNames) {
    const index = columns.findIndex((c) => asciiUpper(c.name) === asciiUpper(name));
    expect(index >= 0);
    if (!primaryKey.includes(index)) primaryKey.push(index);
  }
  return { columns, primaryKey, keyTerms: keyNames.length, withoutRowid };
}

/**
 * The comma-separated items of the parenthesised list whose `(` is at `open` (commas inside nested parentheses
 * belong to their item), and where its `)` is (tokens.length when it is missing).
 */
function listAt(tokens: Token[], open: number): { items: Token[][]; close: number } {
  const items: Token[][] = [[]];
  let depth = 0;
  let at = open + 1;
  for (; at < tokens.length; at++) {
    const t = tokens[at] as Token;
    if (t.kind === 'punct' && t.text === ')' && depth === 0) break;
    if (t.kind === 'punct' && t.text === ',' && depth === 0) items.push([]);
    else (items[items.length - 1] as Token[]).push(t);
    if (t.kind === 'punct') depth += t.text === '(' ? 1 : t.text === ')' ? -1 : 0;
  }
  return { items, close: at };
}

/** Skips a parenthesised group starting at `at` (when there is one); the index after it. */
function skipGroup(item: Token[], at: number): number {
  if (item[at]?.kind !== 'punct' || item[at]?.text !== '(') return at;
  let depth = 0;
  for (let i = at; i < item.length; i++) {
    const t = item[i] as Token;
    if (t.kind !== 'punct') continue;
    if (t.text === '(') depth++;
    if (t.text === ')' && --depth === 0) return i + 1;
  }
  return item.length;
}

/** The column names of a table constraint `[CONSTRAINT name] PRIMARY KEY (a, b DESC)`; none for others. */
function tableKeyColumns(item: Token[]): string[] {
  const at = item.findIndex((t) => isWord(t, 'PRIMARY'));
  if (at < 0 || isWord(item[0], 'UNIQUE', 'CHECK', 'FOREIGN')) return [];
  const end = skipGroup(item, at + 2);
  const names: string[] = [];
  let first = true;
  for (const t of item.slice(at + 3, end - 1)) {
    if (first && t.kind !== 'punct') names.push(t.text);
    first = t.kind === 'punct' && t.text === ',';
  }
  return names;
}

/** Keywords that end a column's type and start its constraints. */
const CONSTRAINT_START = [
  'CONSTRAINT',
  'PRIMARY',
  'NOT',
  'NULL',
  'UNIQUE',
  'CHECK',
  'DEFAULT',
  'COLLATE',
  'REFERENCES',
  'GENERATED',
  'AS',
];

function columnDefinition(item: Token[]): ColumnDefinition {
  const name = item[0];
  if (name === undefined || !['word', 'name', 'string'].includes(name.kind)) {
    throw new SqliteFormatError(NOT_UNDERSTOOD);
  }
  let at = 1;
  const type: string[] = [];
  while (at < item.length && ['word', 'name', 'string'].includes((item[at] as Token).kind)) {
    if (isWord(item[at], ...CONSTRAINT_START)) break;
    type.push((item[at++] as Token).text);
  }
  const typeEnd = skipGroup(item, at);
  const column: ColumnDefinition = {
    name: name.text,
    // A size makes the type another than its words (`INTEGER(10)` is not `INTEGER`).
    type: type.join(' ') + (typeEnd > at ? '()' : ''),
    primaryKey: null,
    defaultValue: { kind: 'none' },
    generated: null,
  };
  // Constraints, each parenthesised group (CHECK, REFERENCES, a DEFAULT or generated expression) skipped whole.
  for (at = typeEnd; at < item.length; at = Math.max(at + 1, skipGroup(item, at))) {
    const t = item[at];
    if (isWord(t, 'PRIMARY') && isWord(item[at + 1], 'KEY')) {
      at++;
      column.primaryKey = isWord(item[at + 1], 'DESC') ? 'desc' : 'asc';
    } else if (isWord(t, 'DEFAULT')) {
      column.defaultValue = defaultLiteral(item, at + 1);
    } else if (isWord(t, 'AS')) {
      const end = skipGroup(item, at + 1);
      column.generated = isWord(item[end], 'STORED') ? 'stored' : 'virtual';
    }
  }
  return column;
}

function defaultLiteral(item: Token[], at: number): DefaultLiteral {
  const t = item[at];
  if (t === undefined) return { kind: 'complex' };
  if (t.kind === 'punct' && t.text === '(') {
    // `DEFAULT (5)`: a literal in parentheses is that literal; anything more is an expression.
    const end = skipGroup(item, at);
    const inner = item.slice(at + 1, end - 1);
    const signed = inner[0]?.kind === 'punct' && (inner[0].text === '-' || inner[0].text === '+');
    return inner.length === (signed ? 2 : 1) || (inner[0]?.text === '(' && inner[0]?.kind === 'punct')
      ? defaultLiteral(inner, 0)
      : { kind: 'complex' };
  }
  const sign = t.kind === 'punct' && (t.text === '-' || t.text === '+') ? t.text : '';
  const value = sign === '' ? t : item[at + 1];
  if (value?.kind === 'number') return { kind: 'number', text: `${sign === '-' ? '-' : ''}${value.text}` };
  if (sign !== '') return { kind: 'complex' };
  if (t.kind === 'string' || t.kind === 'name') return { kind: 'text', text: t.text };
  if (t.kind === 'blob') return { kind: 'blob', hex: t.text.slice(2, -1) };
  if (isWord(t, 'NULL')) return { kind: 'null' };
  if (isWord(t, 'TRUE')) return { kind: 'number', text: '1' };
  if (isWord(t, 'FALSE')) return { kind: 'number', text: '0' };
  // CURRENT_TIME and the like are computed; any other bare word is taken as a string, as SQLite takes it.
  if (t.kind === 'word' && !asciiUpper(t.text).startsWith('CURRENT_')) return { kind: 'text', text: t.text };
  return { kind: 'complex' };
}
