/** Parsing of option values shared by several commands; each failure is a USAGE error. */
import { IpexError } from '../../protocol/errors/index.js';

/** A TCP port 0–65535 (0 picks a free port). */
export function parsePort(value: string, option: string): number {
  if (!/^\d{1,5}$/.test(value) || Number(value) > 65535) {
    throw new IpexError('USAGE', `${option} must be a port number from 0 to 65535, not "${value.slice(0, 20)}"`);
  }
  return Number(value);
}

/** A positive whole number within [min, max]. */
export function parseInteger(value: string, option: string, min: number, max: number): number {
  if (!/^\d{1,9}$/.test(value) || Number(value) < min || Number(value) > max) {
    throw new IpexError('USAGE', `${option} must be a whole number from ${min} to ${max}, not "${value.slice(0, 20)}"`);
  }
  return Number(value);
}

const DURATION_UNITS: Readonly<Record<string, number>> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** A duration such as `90s`, `10m`, `2h` or `1d` (a bare number is seconds), in milliseconds. */
export function parseDuration(value: string, option: string): number {
  const match = /^(\d{1,6})(s|m|h|d)?$/.exec(value.trim());
  const ms = match === null ? 0 : Number(match[1]) * DURATION_UNITS[match[2] ?? 's']!;
  if (ms <= 0 || ms > 366 * DURATION_UNITS.d!) {
    throw new IpexError('USAGE', `${option} must be a duration such as 90s, 10m, 2h or 1d (up to a year), not "${value.slice(0, 20)}"`);
  }
  return ms;
}
