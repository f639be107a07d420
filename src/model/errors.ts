// Errors carry a code and data; prose is written once, in cli/messages.ts (usage/config errors)
// or in fileErrorMessage below (per-file errors that end up in reports).

export const ERROR_CODES = [
  'PATH_NOT_FOUND',
  'USAGE',
  'RULEPACK_NOT_FOUND',
  'RULEPACK_YAML',
  'RULEPACK_SCHEMA',
  'RULEPACK_REGEX',
  'RULEPACK_REGEX_BACKTRACKING',
  'RULEPACK_UNKNOWN_VALIDATOR',
  'RULEPACK_DUPLICATE_ID',
  'NAMELIST_NOT_FOUND',
  'IGNORE_FILE',
  'OUTPUT_WRITE',
  'KEY_FILE',
  'REPORT_FILE',
  'REPORT_NO_KEY',
  'REPORT_KEY_MISMATCH',
  'SUPPRESSIONS',
  'CONFIG',
  'FILE_EXISTS',
  'SIGNING_KEY',
  'CERTIFICATE_FILE',
  'FINGERPRINT_SOURCE',
  'FINGERPRINT_COLUMN',
  'FINGERPRINT_CATEGORY',
  'FINGERPRINT_PACK',
  'PACK_KEY_IS_ORG_KEY',
  'MERGE',
  'SPOOL',
  'SFTP_URL',
  'HOSTS_FILE',
  'KNOWN_HOSTS',
  'HOST_KEY_UNKNOWN',
  'HOST_KEY_MISMATCH',
  'SSH_IDENTITY',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** Where in a YAML file a problem sits (1-based). */
export interface SourcePosition {
  file: string;
  line?: number;
  column?: number;
}

export class ResidueError extends Error {
  readonly code: ErrorCode;
  readonly data: Record<string, unknown>;
  readonly position: SourcePosition | undefined;
  constructor(code: ErrorCode, data: Record<string, unknown> = {}, position?: SourcePosition) {
    super(code);
    this.name = 'ResidueError';
    this.code = code;
    this.data = data;
    this.position = position;
  }
}

export const FILE_ERROR_CODES = [
  'EACCES',
  'ENOENT',
  'EIO',
  'READ_ERROR',
  'TIMEOUT',
  'WORKER_CRASH',
  'INTERRUPTED',
  'TOO_LARGE',
  'CHANGED',
  'ENCRYPTED',
  'CORRUPT',
  'LIMIT',
  'UNSUPPORTED',
  'HOST_UNREACHABLE',
  'AUTH_FAILED',
  'CONNECTION_LOST',
] as const;
export type FileErrorCode = (typeof FILE_ERROR_CODES)[number];

export function fileErrorMessage(
  code: FileErrorCode,
  data: { limit?: number; detail?: string } = {},
): string {
  switch (code) {
    case 'EACCES':
      return 'permission denied';
    case 'ENOENT':
      return 'file disappeared during the scan';
    case 'EIO':
      return 'input/output error while reading';
    case 'READ_ERROR':
      return `could not be read${data.detail ? ` (${data.detail})` : ''}`;
    case 'TIMEOUT':
      return `not fully scanned: exceeded the per-file time budget of ${data.limit ?? '?'} ms`;
    case 'WORKER_CRASH':
      return 'not fully scanned: the worker scanning it crashed';
    case 'INTERRUPTED':
      return 'not scanned: the scan was interrupted';
    case 'TOO_LARGE':
      return `not scanned: larger than --max-file-size (${data.limit ?? '?'} bytes)`;
    case 'CHANGED':
      return 'changed size while being read';
    case 'ENCRYPTED':
      return `not inspected: encrypted${data.detail ? ` (${data.detail})` : ''}`;
    case 'CORRUPT':
      return `not fully inspected: corrupt or truncated${data.detail ? ` (${data.detail})` : ''}`;
    case 'LIMIT':
      return `not fully inspected: ${data.detail ?? 'an extraction limit was reached'}`;
    case 'UNSUPPORTED':
      return `not inspected: ${data.detail ?? 'unsupported format'}`;
    case 'HOST_UNREACHABLE':
      return `host not scanned: ${data.detail ?? 'unreachable'}`;
    case 'CONNECTION_LOST':
      return 'host not fully scanned: the connection was lost during the scan';
    case 'AUTH_FAILED':
      return `host not scanned: authentication refused${data.detail ? ` (${data.detail})` : ''}`;
  }
}
