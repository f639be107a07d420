import type { Progress } from '../engine/scan.js';

/** One updating status line for a terminal: files, bytes, throughput and an ETA by bytes. */
export function progressLine(p: Progress): string {
  const mib = p.bytesDone / 1048576;
  const seconds = Math.max(p.elapsedMs / 1000, 0.001);
  const rate = mib / seconds;
  const remaining = rate > 0 && !p.counting ? (p.bytesTotal - p.bytesDone) / 1048576 / rate : 0;
  const more = p.counting ? '+' : '';
  return `scanning ${p.filesDone}/${p.filesTotal}${more} files · ${mib.toFixed(1)}/${(p.bytesTotal / 1048576).toFixed(1)}${more} MiB · ${rate.toFixed(1)} MiB/s · ETA ${p.counting ? '…' : `${Math.ceil(remaining)}s`}`;
}

/** Throttled writer that redraws the line in place and clears it at the end. */
export function createProgress(write: (s: string) => void): { update(p: Progress): void; clear(): void } {
  let last = 0;
  let drawn = false;
  return {
    update(p) {
      const now = Date.now();
      if (now - last < 100 && p.filesDone < p.filesTotal) return;
      last = now;
      drawn = true;
      write(`\r\x1b[2K${progressLine(p)}`);
    },
    clear() {
      if (drawn) write('\r\x1b[2K');
    },
  };
}
