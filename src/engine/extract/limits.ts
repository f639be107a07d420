import type { FileErrorCode } from '../../model/errors.js';

/** Bounds on what one top-level file may expand into. Hitting one is an error for that file, never a crash. */
export interface ExtractLimits {
  /** Containers opened one inside another (a zip in a tar in a zip is depth 3). */
  maxDepth: number;
  /** Bytes produced by decompression and extraction, summed over everything inside one top-level file. */
  maxExpandedBytes: number;
  /** Expanded bytes per byte of the top-level file, checked once past RATIO_FLOOR_BYTES. */
  maxRatio: number;
  /** Members of all containers inside one top-level file. */
  maxMembers: number;
  /** A member that must be held in memory (a zip inside a zip, a PDF, a database) may be at most this big. */
  maxBufferedBytes: number;
}

export const DEFAULT_LIMITS: ExtractLimits = {
  maxDepth: 8,
  maxExpandedBytes: 4 * 1024 ** 3,
  maxRatio: 200,
  maxMembers: 100_000,
  maxBufferedBytes: 512 * 1024 ** 2,
};

/** Small files may expand a lot (a 1 KiB gzip of a 300 KiB text): the ratio is judged only past this. */
export const RATIO_FLOOR_BYTES = 64 * 1024 ** 2;

/** Why an extractor stopped: reported as a per-file error at `path` (a member path where there is one). */
export class ExtractError extends Error {
  constructor(
    readonly code: Extract<FileErrorCode, 'ENCRYPTED' | 'CORRUPT' | 'LIMIT' | 'UNSUPPORTED'>,
    readonly path: string,
    readonly detail: string,
    /** True when the whole top-level file must stop (a budget is spent), not just this member. */
    readonly stopsFile = false,
  ) {
    super(detail);
    this.name = 'ExtractError';
  }
}

/** Counts what one top-level file has expanded into so far. */
export class ExpansionBudget {
  private expanded = 0;
  private members = 0;

  constructor(
    readonly limits: ExtractLimits,
    private readonly topLevelSize: number,
  ) {}

  enter(depth: number, path: string): void {
    if (depth > this.limits.maxDepth) {
      throw new ExtractError('LIMIT', path, `nesting deeper than ${this.limits.maxDepth} at ${path}`);
    }
  }

  member(path: string): void {
    this.members++;
    this.checkMembers(0, path);
  }

  /** Refuses early when `listed` more members (not yet counted: each counts when scanned) are too many. */
  checkMembers(listed: number, path: string): void {
    if (this.members + listed > this.limits.maxMembers) {
      throw new ExtractError('LIMIT', path, `more than ${this.limits.maxMembers} members at ${path}`, true);
    }
  }

  bytes(n: number, path: string): void {
    this.expanded += n;
    if (this.expanded > this.limits.maxExpandedBytes) {
      throw new ExtractError(
        'LIMIT',
        path,
        `expansion limit of ${this.limits.maxExpandedBytes} bytes exceeded at ${path}`,
        true,
      );
    }
    if (this.expanded > RATIO_FLOOR_BYTES && this.expanded > this.topLevelSize * this.limits.maxRatio) {
      throw new ExtractError(
        'LIMIT',
        path,
        `expansion ratio over ${this.limits.maxRatio}:1 at ${path}`,
        true,
      );
    }
  }

  buffered(size: number, path: string): void {
    if (size > this.limits.maxBufferedBytes) {
      throw new ExtractError(
        'LIMIT',
        path,
        `member larger than ${this.limits.maxBufferedBytes} bytes at ${path}`,
      );
    }
  }
}
