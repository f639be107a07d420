/**
 * Spreadsheet dates. Excel stores a date as a number of days (a serial) and shows it through a number
 * format; a scanner that printed the serial would never see a birth date. These helpers turn a serial into
 * ISO text and decide when a number is a date: by its cell's format, or by its column's header.
 */

export type DateSystem = 1900 | 1904;

/** 9999-12-31, the last day Excel can show, in each system. */
const MAX_SERIAL: Record<DateSystem, number> = { 1900: 2_958_465, 1904: 2_957_003 };
/** Day 0 of each system, in days since 1970-01-01: 1899-12-30 (so that serial 61 is 1900-03-01) and 1904-01-01. */
const EPOCH: Record<DateSystem, number> = { 1900: -25_569, 1904: -24_107 };

/**
 * An Excel date serial as `YYYY-MM-DD` (with ` HH:MM:SS` when it has a time of day), or null when it is not a
 * plausible date (below 1, past 9999, not a number). The 1900 system keeps Lotus 1-2-3's leap-year bug:
 * serial 60 is 1900-02-29, a day that never was, and days before it are one off from a plain count.
 */
export function serialToIso(serial: number, system: DateSystem = 1900): string | null {
  if (!Number.isFinite(serial) || serial < 1 || serial >= MAX_SERIAL[system] + 1) return null;
  let days = Math.floor(serial);
  let seconds = Math.round((serial - days) * 86_400);
  if (seconds === 86_400) {
    days += 1;
    seconds = 0;
  }
  let date: string;
  if (system === 1900 && days === 60) date = '1900-02-29';
  else {
    const shift = system === 1900 && days < 60 ? 1 : 0;
    date = isoDay(EPOCH[system] + days + shift);
  }
  if (seconds === 0) return date;
  const hh = Math.floor(seconds / 3600);
  const mm = Math.floor((seconds % 3600) / 60);
  const ss = seconds % 60;
  return `${date} ${pad(hh)}:${pad(mm)}:${pad(ss)}`;
}

/** Days since 1970-01-01 as `YYYY-MM-DD` (proleptic Gregorian; Howard Hinnant's civil_from_days). */
function isoDay(days: number): string {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${y}-${pad(m)}-${pad(d)}`;
}

function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** An ISO date-time as written in a file (`1961-04-03T00:00:00`): the date alone when there is no time. */
export function isoDateTime(value: string): string {
  const m = /^(-?\d{4,}-\d{2}-\d{2})(?:T(\d{2}:\d{2}(?::\d{2})?)(?:[.,]\d+)?(Z|[+-]\d{2}:?\d{2})?)?$/.exec(
    value.trim(),
  );
  if (!m) return value;
  const time = m[2];
  if (time === undefined || /^00:00(?::00)?$/.test(time)) return m[1] as string;
  return `${m[1]} ${time.length === 5 ? `${time}:00` : time}`;
}

/** Words in a header that name a date column (`Date of Birth`, `DOB`, `born_on`, `AdmissionDate`). */
const DATE_WORD = /dob|birth|born|date/;
/** Words that contain `date` but are not dates. */
const NOT_DATE_WORD = /^(?:candidates?|mandates?|validated?|validates|consolidated?|accommodated?)$/;

/** True when a column header names a date: lowercased, non-alphanumerics as `_`, then a date word in it. */
export function isDateHeader(header: string): boolean {
  const normal = header.toLowerCase().replace(/[^a-z0-9]+/g, '_');
  if (normal.replace(/_/g, '') === 'dob') return true;
  return normal.split('_').some((word) => DATE_WORD.test(word) && !NOT_DATE_WORD.test(word));
}

/**
 * Built-in Excel number formats that show a date: 14-17 and 22 (`m/d/yyyy`, `d-mmm-yy`, `m/d/yyyy h:mm`) and
 * the East Asian locale dates 27-36 and 50-58. 18-21 and 45-47 are times of day or durations.
 */
export function isBuiltinDateFormat(id: number): boolean {
  return (id >= 14 && id <= 17) || id === 22 || (id >= 27 && id <= 36) || (id >= 50 && id <= 58);
}

/**
 * A custom format code that shows a date: it has a day or year token, or a month token with no hour or
 * second (`mm:ss` is minutes). Quoted text, escaped characters and `[…]` sections (colours, locales) are
 * ignored first; elapsed-time `[h]`, `[mm]`, `[ss]` are times.
 */
export function isDateFormatCode(code: string): boolean {
  const bare = code
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/[_*]./g, '')
    .replace(/\[(?![hms]+\])[^\]]*\]/gi, '')
    .toLowerCase();
  if (/[dy]/.test(bare.replace(/general/g, ''))) return true;
  return /m/.test(bare) && !/[hs]/.test(bare);
}
