/**
 * The time of an audit entry read straight from its bytes (issue 14): `Date.parse` of the
 * `time` string cost about half of the fast entry check (entry-fast-check.ts) for a million
 * entries, with a string made per entry to call it. This reads the JSON string
 * `"YYYY-MM-DDTHH:MM:SS[.fraction]Z"` (the ISO_INSTANT form of entry-lines.ts) as digits and
 * computes the same number `Date.parse` gives: whole milliseconds of the proleptic Gregorian
 * calendar, the fraction cut (not rounded) to milliseconds, a day past the month's end carried
 * into the next month as V8 does. It decides only the plain cases — month 1–12, day 1–31, hour
 * ≤ 23, minute and second ≤ 59 — and answers undefined for anything else, which the caller
 * leaves to the regular expression and `Date.parse`.
 */

const MS_PER_DAY = 86_400_000;

/** `Date.parse` of the JSON string at b[s, e) (quotes included) in the plain cases above, else undefined. */
export function instantAt(b: Uint8Array, s: number, e: number): number | undefined {
  // "YYYY-MM-DDTHH:MM:SS" is 19 bytes after the quote; then 'Z' or '.' with 1–9 digits and 'Z'.
  const n = e - s - 2;
  if (s < 0 || n < 20 || n > 30 || b[s] !== 0x22 || b[e - 1] !== 0x22 || b[e - 2] !== 0x5a) return undefined;
  const p = s + 1;
  if (b[p + 4] !== 0x2d || b[p + 7] !== 0x2d || b[p + 10] !== 0x54 || b[p + 13] !== 0x3a || b[p + 16] !== 0x3a) return undefined;
  const year = digits(b, p, 4);
  const month = digits(b, p + 5, 2);
  const day = digits(b, p + 8, 2);
  const hour = digits(b, p + 11, 2);
  const minute = digits(b, p + 14, 2);
  const second = digits(b, p + 17, 2);
  if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return undefined;
  let ms = 0;
  if (n > 20) {
    // '.', then 1–9 digits up to the 'Z': the first three are milliseconds, the rest cut off.
    const count = n - 21;
    if (b[p + 19] !== 0x2e || count < 1 || digits(b, p + 20, count) < 0) return undefined;
    for (let i = 0; i < 3; i++) ms = ms * 10 + (i < count ? (b[p + 20 + i] as number) - 0x30 : 0);
  }
  return daysFromCivil(year, month, day) * MS_PER_DAY + hour * 3_600_000 + minute * 60_000 + second * 1000 + ms;
}

/** The value of `count` ASCII digits at b[p…], or -1 when one is not a digit. */
function digits(b: Uint8Array, p: number, count: number): number {
  let v = 0;
  for (let i = 0; i < count; i++) {
    const d = (b[p + i] as number) - 0x30;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v;
}

/** Days from 1970-01-01 to the given date of the proleptic Gregorian calendar (H. Hinnant's algorithm). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  return era * 146_097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719_468;
}
