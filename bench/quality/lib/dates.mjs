// The 15 ways a date of birth is written in UK exports, letters and logs.

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** @typedef {{ y: number, m: number, d: number }} Ymd */

/** @param {number} n */
const p2 = (n) => String(n).padStart(2, '0');

/** @param {number} d */
function ordinal(d) {
  if (d % 100 >= 11 && d % 100 <= 13) return `${d}th`;
  return `${d}${['th', 'st', 'nd', 'rd'][d % 10] ?? 'th'}`;
}

/** Format name → writer. The names are what labels.json records as `dobFormat`. */
export const DOB_FORMATS = /** @type {Record<string, (v: Ymd) => string>} */ ({
  'dd/mm/yyyy': (v) => `${p2(v.d)}/${p2(v.m)}/${v.y}`,
  'd/m/yyyy': (v) => `${v.d}/${v.m}/${v.y}`,
  'dd-mm-yyyy': (v) => `${p2(v.d)}-${p2(v.m)}-${v.y}`,
  'dd.mm.yyyy': (v) => `${p2(v.d)}.${p2(v.m)}.${v.y}`,
  'yyyy-mm-dd': (v) => `${v.y}-${p2(v.m)}-${p2(v.d)}`,
  'yyyy/mm/dd': (v) => `${v.y}/${p2(v.m)}/${p2(v.d)}`,
  yyyymmdd: (v) => `${v.y}${p2(v.m)}${p2(v.d)}`,
  'dd/mm/yy': (v) => `${p2(v.d)}/${p2(v.m)}/${p2(v.y % 100)}`,
  'd Month yyyy': (v) => `${v.d} ${MONTHS[v.m - 1]} ${v.y}`,
  'dth Month yyyy': (v) => `${ordinal(v.d)} ${MONTHS[v.m - 1]} ${v.y}`,
  'd Mon yyyy': (v) => `${v.d} ${MONTHS[v.m - 1]?.slice(0, 3)} ${v.y}`,
  'Month d, yyyy': (v) => `${MONTHS[v.m - 1]} ${v.d}, ${v.y}`,
  'Mon d yyyy': (v) => `${MONTHS[v.m - 1]?.slice(0, 3)} ${v.d} ${v.y}`,
  'dd-Mon-yyyy': (v) => `${p2(v.d)}-${MONTHS[v.m - 1]?.slice(0, 3)}-${v.y}`,
  'yyyy-mm-ddT00:00:00': (v) => `${v.y}-${p2(v.m)}-${p2(v.d)}T00:00:00`,
});

export const DOB_FORMAT_NAMES = Object.keys(DOB_FORMATS);

/**
 * @param {string} format one of {@link DOB_FORMAT_NAMES}
 * @param {Ymd} v
 */
export function formatDate(format, v) {
  const write = DOB_FORMATS[format];
  if (!write) throw new Error(`unknown date format ${format}`);
  return write(v);
}

/**
 * A real calendar date in [fromYear, toYear].
 * @param {import('./rand.mjs').Rand} r
 * @param {number} fromYear
 * @param {number} toYear
 * @returns {Ymd}
 */
export function randomDate(r, fromYear, toYear) {
  const y = r.int(fromYear, toYear);
  const m = r.int(1, 12);
  const days = m === 2 ? (y % 4 === 0 ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31;
  return { y, m, d: r.int(1, days) };
}

/** @param {Ymd} v ISO yyyy-mm-dd */
export const iso = (v) => `${v.y}-${p2(v.m)}-${p2(v.d)}`;

/** @param {Ymd} v @param {number} [h] @param {number} [min] @param {number} [s] ISO timestamp with Z */
export const isoTime = (v, h = 0, min = 0, s = 0) => `${iso(v)}T${p2(h)}:${p2(min)}:${p2(s)}Z`;
