/**
 * A size in bytes in the unit that reads best, in the reader's language (Intl), for the pages
 * (i18n/translator.ts) and for the scripts that update progress live (browser/job-progress.ts):
 * one function, so that a size reads the same before and after a script touches it.
 */
const UNITS = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;

export function formatBytes(language: string, size: number): string {
  let value = size;
  let unit = 0;
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit++;
  }
  return new Intl.NumberFormat(language, { style: 'unit', unit: UNITS[unit], unitDisplay: unit === 0 ? 'long' : 'short', maximumFractionDigits: unit === 0 ? 0 : 1 }).format(value);
}
