import { type ErrorCode, ResidueError, type SourcePosition } from '../model/errors.js';

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
    case 'CONFIG':
      return `invalid config: ${d.key ? `${String(d.key)}: ` : ''}${String(d.detail)}`;
    case 'KEY_FILE':
      return `fingerprint key file ${String(d.path)}: ${String(d.detail)} (make one with "residue keygen", or let residue create ${'$'}XDG_CONFIG_HOME/residue/fingerprint.key)`;
  }
}
