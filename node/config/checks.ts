/**
 * Small checks for configuration values. Each failure is CONFIG_INVALID with a message that
 * names the key and says what is expected, so the operator can fix the file at once.
 */
import { isIP } from 'node:net';
import { IpexError } from '../../protocol/errors/index.js';

type Plain = Record<string, unknown>;

export function checkObject(value: unknown, where: string, allowed: readonly string[]): Plain {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw invalid(`${where} must be an object`);
  }
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) throw invalid(`${where} has an unknown key "${key}" (allowed: ${allowed.join(', ')})`);
  }
  return value as Plain;
}

export function requiredString(value: unknown, where: string, pattern: RegExp): string {
  if (typeof value !== 'string' || !pattern.test(value)) throw invalid(`${where} must be a string matching ${pattern}`);
  return value;
}

export function optionalInteger(value: unknown, where: string, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw invalid(`${where} must be an integer from ${min} to ${max}`);
  }
  return value;
}

/** A short list of distinct integers, kept largest first. */
export function optionalIntegerList(value: unknown, where: string, min: number, max: number, maxLength: number): number[] | undefined {
  if (value === undefined) return undefined;
  const ok = Array.isArray(value) && value.length >= 1 && value.length <= maxLength && value.every((v) => typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max);
  if (!ok || new Set(value).size !== value.length) {
    throw invalid(`${where} must be a list of 1 to ${maxLength} different integers from ${min} to ${max}`);
  }
  return [...(value as number[])].sort((a, b) => b - a);
}

export function optionalBoolean(value: unknown, where: string): boolean | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'boolean') throw invalid(`${where} must be true or false`);
  return value;
}

export function optionalEnum<const T extends readonly string[]>(value: unknown, where: string, options: T): T[number] | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !options.includes(value)) throw invalid(`${where} must be one of ${options.join(', ')}`);
  return value as T[number];
}

/** A host name or an IP address to listen on. */
export function optionalHost(value: unknown, where: string): string | undefined {
  if (value === undefined) return undefined;
  const hostname = /^(?=.{1,253}$)([a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)(\.[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;
  if (typeof value !== 'string' || (isIP(value) === 0 && !hostname.test(value))) {
    throw invalid(`${where} must be a host name or an IP address`);
  }
  return value;
}

function invalid(message: string): IpexError {
  return new IpexError('CONFIG_INVALID', message);
}
