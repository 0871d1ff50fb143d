/**
 * `office.json`: who this office is in the network — the file the network operator writes into
 * an office bundle (`ipex network add-office`) and `ipex node init` copies into the data folder.
 *
 *   { "format": "ipex-office-bundle/1", "code": "EP", "name": "European Patent Office",
 *     "exchangeUrl": "https://ipex.epo.example:8443", "roles": ["depositing", "accessing"],
 *     "network": "example-network" }
 */
import { readFileSync } from 'node:fs';
import { IpexError } from '../../protocol/errors/index.js';
import { isSt3Code } from '../../protocol/st3/index.js';

export const OFFICE_BUNDLE_FORMAT = 'ipex-office-bundle/1';
export type OfficeRole = 'depositing' | 'accessing';

export interface OfficeDescription {
  readonly code: string;
  readonly name: string;
  readonly exchangeUrl: string;
  readonly roles: readonly OfficeRole[];
  readonly network: string;
}

/** Reads and validates an `office.json`; every field is checked, unknown fields are refused. */
export function readOfficeDescription(path: string): OfficeDescription {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code) throw err;
    throw new IpexError('INVALID_INPUT', `${path} is not valid JSON`, { cause: err });
  }
  return parseOfficeDescription(raw, path);
}

export function parseOfficeDescription(raw: unknown, source: string): OfficeDescription {
  const bad = (why: string): IpexError => new IpexError('INVALID_INPUT', `${source}: ${why}`);
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw bad('expected a JSON object');
  const o = raw as Record<string, unknown>;
  for (const key of Object.keys(o)) {
    if (!['format', 'code', 'name', 'exchangeUrl', 'roles', 'network'].includes(key)) throw bad(`unknown field "${key}"`);
  }
  if (o.format !== OFFICE_BUNDLE_FORMAT) throw bad(`format must be "${OFFICE_BUNDLE_FORMAT}"`);
  if (typeof o.code !== 'string' || !isSt3Code(o.code)) throw bad('code must be an ST.3 office code such as "EP"');
  if (typeof o.name !== 'string' || o.name.length === 0 || o.name.length > 200) throw bad('name must be 1–200 characters');
  if (typeof o.exchangeUrl !== 'string' || !/^https:\/\/[^\s/]+(:\d+)?\/?$/.test(o.exchangeUrl)) {
    throw bad('exchangeUrl must be an https:// origin such as "https://ipex.example.org:8443"');
  }
  const roles = o.roles;
  if (!Array.isArray(roles) || roles.length === 0 || roles.some((r) => r !== 'depositing' && r !== 'accessing')) {
    throw bad('roles must list "depositing" and/or "accessing"');
  }
  if (typeof o.network !== 'string' || o.network.length === 0 || o.network.length > 200) throw bad('network must be 1–200 characters');
  return { code: o.code, name: o.name, exchangeUrl: o.exchangeUrl.replace(/\/$/, ''), roles: roles as OfficeRole[], network: o.network };
}
