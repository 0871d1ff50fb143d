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
