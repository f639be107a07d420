// Types for dates.mjs (the bench scripts are plain JavaScript; the tests are TypeScript).
export interface Ymd {
  y: number;
  m: number;
  d: number;
}
export const DOB_FORMATS: Record<string, (v: Ymd) => string>;
export const DOB_FORMAT_NAMES: string[];
export function formatDate(format: string, v: Ymd): string;
export function randomDate(r: unknown, fromYear: number, toYear: number): Ymd;
export function iso(v: Ymd): string;
export function isoTime(v: Ymd, h?: number, min?: number, s?: number): string;
