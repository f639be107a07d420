// Number formatting for human-readable reports: fixed rules, no locale lookup, the same output everywhere.

const BYTE_UNITS = ['KiB', 'MiB', 'GiB', 'TiB'] as const;

/** `512 B`, `1.5 KiB`, `12.0 MiB`, `3.2 GiB` (binary units, one decimal). */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  let value = bytes;
  let unit: string = BYTE_UNITS[0];
  for (const u of BYTE_UNITS) {
    value /= 1024;
    unit = u;
    // Round first so 1023.96 KiB becomes 1.0 MiB rather than "1024.0 KiB".
    if (Number((value / 1024).toFixed(1)) < 1 || u === 'TiB') break;
  }
  return `${value.toFixed(1)} ${unit}`;
}

/** `850 ms`, `12.3 s`, `4 min 05 s`. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 59_950) return `${(ms / 1000).toFixed(1)} s`;
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)} min ${String(seconds % 60).padStart(2, '0')} s`;
}

/** `1234567` → `1,234,567`. */
export function formatCount(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** `1 record`, `2 records`. */
export function plural(n: number, noun: string): string {
  return `${formatCount(n)} ${noun}${n === 1 ? '' : 's'}`;
}
