import { type ErrorCode, ResidueError, type SourcePosition } from '../model/errors.js';
import type { Report } from '../model/report.js';

/** The only place usage and configuration errors are worded. One line each, never a stack trace. */
export function describeError(e: unknown): string {
  if (e instanceof ResidueError) return `${where(e.position)}${wording(e.code, e.data)}`;
  return `internal error: ${e instanceof Error ? e.message : String(e)} (this is a bug in residue; please report it)`;
}

function where(p: SourcePosition | undefined): string {
  if (!p) return '';
  return `${p.file}${p.line ? `:${p.line}` : ''}${p.line && p.column ? `:${p.column}` : ''}: `;
}

function wording(code: ErrorCode, d: Record<string, unknown>): string {
  const rule = d.ruleId ? ` (rule ${String(d.ruleId)})` : '';
  switch (code) {
    case 'PATH_NOT_FOUND':
      return `path not found: ${String(d.path)}`;
    case 'USAGE':
      return String(d.detail ?? 'invalid usage');
    case 'RULEPACK_NOT_FOUND':
      return `rule pack not found: ${String(d.pack)} (give a built-in pack name, see "residue rules list", or a path to a YAML file)`;
    case 'RULEPACK_YAML':
      return `invalid YAML in rule pack (${String(d.detail)})`;
    case 'RULEPACK_SCHEMA':
      return `invalid rule pack: ${String(d.detail)}${rule}`;
    case 'RULEPACK_REGEX':
      return `invalid regular expression${rule}: ${String(d.detail)}`;
    case 'RULEPACK_REGEX_BACKTRACKING':
      return `regular expression can backtrack catastrophically${rule}: ${String(d.repeat)} repeats an unbounded repeat; bound one of them (e.g. {1,40})`;
    case 'RULEPACK_UNKNOWN_VALIDATOR':
      return `unknown validator "${String(d.validator)}"${rule}`;
    case 'RULEPACK_DUPLICATE_ID':
      return `duplicate rule id "${String(d.ruleId)}" (also defined in ${String(d.other)})`;
    case 'NAMELIST_NOT_FOUND':
      return `name list not found: ${String(d.path)}`;
    case 'IGNORE_FILE':
      return `cannot read ignore file ${String(d.path)}`;
    case 'OUTPUT_WRITE':
      return `cannot write output file ${String(d.path)} (${String(d.detail)})`;
    case 'SPOOL':
      return `cannot read back the listed files from its scratch file in ${String(d.folder)} (${String(d.detail)})`;
    case 'MERGE':
      return `cannot merge: ${String(d.detail)}`;
    case 'SFTP_URL':
      return `invalid sftp URL ${String(d.url)}: ${String(d.detail)} (expected sftp://user@host[:port]/path)`;
    case 'HOSTS_FILE':
      return `hosts file ${String(d.path)}${d.line ? `:${String(d.line)}` : ''}: ${String(d.detail)}`;
    case 'KNOWN_HOSTS':
      return `known hosts file ${String(d.path)}: ${String(d.detail)}`;
    case 'HOST_KEY_UNKNOWN':
      return `host ${String(d.host)} is not in ${String(d.file)} (its ${String(d.keyType)} key is ${String(d.fingerprint)}); check the fingerprint with the host's owner, then add it with ssh-keyscan or run again with --accept-new-host-key`;
    case 'HOST_KEY_MISMATCH':
      if (d.revoked)
        return `host key of ${String(d.host)} (${String(d.keyType)} ${String(d.fingerprint)}) is marked @revoked in ${String(d.file)} line ${String(d.line)}; residue will not connect`;
      return `host key of ${String(d.host)} does not match ${String(d.file)}${d.line ? ` line ${String(d.line)}` : ''} (offered ${String(d.keyType)} ${String(d.fingerprint)}): the host was reinstalled or someone is intercepting the connection; residue will not connect (remove the old entry once the new key is verified)`;
    case 'SSH_IDENTITY':
      return `identity file ${String(d.path)}: ${String(d.detail)}`;
    case 'CONFIG':
      return `invalid config: ${d.key ? `${String(d.key)}: ` : ''}${String(d.detail)}`;
    case 'REPORT_FILE':
      return `cannot use report ${String(d.path)}: ${String(d.detail)} (expected a JSON report from "residue scan --format json")`;
    case 'REPORT_NO_KEY':
      return `report ${String(d.path)} has no fingerprints.keyId, so its files and findings cannot be matched (scan again with this version of residue)`;
    case 'REPORT_KEY_MISMATCH':
      return `${String(d.left)} and ${String(d.right)} were made with different fingerprint keys (keyId ${String(d.leftKey)} vs ${String(d.rightKey)}): their fingerprints cannot be compared; scan both with the same --key-file`;
    case 'SUPPRESSIONS':
      return `invalid suppressions file: ${String(d.detail)}`;
    case 'KEY_FILE':
      return `fingerprint key file ${String(d.path)}: ${String(d.detail)} (expected 64 hex digits; residue creates one at ${'$'}XDG_CONFIG_HOME/residue/fingerprint.key at first use)`;
    case 'FILE_EXISTS':
      return `${String(d.path)} already exists; residue does not overwrite it (choose another name or move it away)`;
    case 'SIGNING_KEY':
      return `signing key ${String(d.path)}: ${String(d.detail)} (make a key pair with "residue keygen --out NAME")`;
    case 'CERTIFICATE_FILE':
      return `cannot read certificate ${String(d.path)} (${String(d.detail)})`;
    case 'FINGERPRINT_SOURCE':
      return `cannot read ${String(d.path)} as a data export: ${String(d.detail)}`;
    case 'FINGERPRINT_COLUMN':
      return `column "${String(d.column)}" not found in ${String(d.path)}${d.available ? ` (its columns: ${String(d.available)})` : ''}`;
    case 'FINGERPRINT_CATEGORY':
      return `cannot tell what column "${String(d.column)}" holds${d.given ? ` ("${String(d.given)}" is not a category)` : ''}; name it, as in --columns ${String(d.column)}:person-name (categories: ${String(d.categories)})`;
    case 'FINGERPRINT_PACK':
      return `fingerprint pack ${String(d.path)}: ${String(d.detail)} (make one with "residue fingerprint")`;
    case 'PACK_KEY_IS_ORG_KEY':
      return `${String(d.path)} is the organisation fingerprint key; a pack carries its key to whoever holds the pack, so leave out --key-file (a fresh random key) or give a key kept for packs only`;
  }
}

/**
 * What --suppressions and --baseline did, for stderr: a line saying how much was left out (the JSON report
 * lists it under "suppressed"), then a warning per entry that expired or matched nothing.
 */
/** Where a scan created the fingerprint key: reports compare (diff, --baseline) only under the same key. */
export function createdKeyNotice(keyPath: string): string {
  return `residue: created the fingerprint key ${keyPath} (mode 0600); keep it to compare later scans\n`;
}

/** Why a scan's fingerprints compare with nothing: its key would have been created inside the scanned tree. */
export function oneOffKeyNotice(keyPath: string): string {
  return `residue: not creating the fingerprint key ${keyPath}: it is inside the tree being scanned, where residue writes nothing; this scan uses a one-off key, so its fingerprints compare with no other scan (give --key-file with a key kept elsewhere)\n`;
}

export function suppressionNotices(report: Report): string[] {
  const status = report.suppressions;
  if (!status) return [];
  const items = report.suppressed ?? [];
  const findings = items.reduce((n, s) => n + s.findings, 0);
  const files = new Set(items.map((s) => s.path)).size;
  const whole = items.filter((s) => s.kind === 'file').length;
  const lines = [
    `suppressed ${findings} ${findings === 1 ? 'finding' : 'findings'} in ${files} ${files === 1 ? 'file' : 'files'}${whole > 0 ? ` (${whole} whole by content)` : ''}; the JSON report lists them under "suppressed"`,
  ];
  const at = (line: number) => `${status.file ?? 'suppressions'}:${line}`;
  return [
    ...lines,
    ...status.expired.map(
      (e) =>
        `warning: ${at(e.line)}: suppression of ${e.fingerprint} (owner ${e.owner}) expired on ${e.expires} and no longer suppresses anything`,
    ),
    ...status.unused.map(
      (e) =>
        `warning: ${at(e.line)}: suppression of ${e.fingerprint} (owner ${e.owner}) matched nothing in this scan`,
    ),
  ];
}
