/**
 * `storage.database` (docs/configuration.md): where the node keeps its metadata. Absent or
 * "sqlite": the SQLite file `ipex.db` in the data folder (the default). A `postgres://user@host[:port]/database`
 * URL: a PostgreSQL server, which several node processes may share (docs/operations.md "Metadata
 * in PostgreSQL"). The password is never in ipex.json: `storage.databasePasswordFile` (a file,
 * relative to the data folder) or `storage.databasePasswordEnv` (an environment variable) names
 * where it is; with neither, the `pg` driver's own PGPASSWORD or none (trust, peer) applies.
 * Everything is checked at start; the file or variable is read when the database is opened.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { IpexError } from '../../protocol/errors/index.js';
import type { PgConnection } from '../storage/postgres/pg-protocol.js';
import { requiredString } from './checks.js';

export type DatabaseSettings =
  | { readonly engine: 'sqlite' }
  | {
    readonly engine: 'postgres';
    /** The URL as configured (it has no password). */
    readonly url: string;
    readonly host: string;
    readonly port: number;
    readonly database: string;
    readonly user: string;
    readonly ssl: 'disable' | 'require' | 'verify-full';
    readonly passwordFile?: string;
    readonly passwordEnv?: string;
  };

/** Checks `storage.database` and its password keys (from the `storage` object of ipex.json). */
export function databaseSettings(storage: Record<string, unknown>, dataDir: string, where: string): DatabaseSettings {
  const { database, databasePasswordFile, databasePasswordEnv } = storage;
  if (database === undefined || database === 'sqlite') {
    if (databasePasswordFile !== undefined || databasePasswordEnv !== undefined) {
      throw invalid(`${where}.databasePasswordFile and databasePasswordEnv need storage.database to be a postgres:// URL`);
    }
    return { engine: 'sqlite' };
  }
  const text = requiredString(database, `${where}.database`, /^postgres(ql)?:\/\/\S{1,2000}$/);
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw invalid(`${where}.database is not a URL: expected "postgres://USER@HOST[:PORT]/DATABASE" or "sqlite"`);
  }
  if (url.password !== '') {
    throw invalid(`${where}.database must not hold a password: put it in a file named by ${where}.databasePasswordFile, or an environment variable named by ${where}.databasePasswordEnv`);
  }
  const name = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (url.username === '' || url.hostname === '' || !/^[A-Za-z0-9_$-]{1,63}$/.test(name)) {
    throw invalid(`${where}.database must name the user, the host and the database: "postgres://USER@HOST[:PORT]/DATABASE" (got ${text})`);
  }
  const params = [...url.searchParams.keys()];
  const unknown = params.find((k) => k !== 'sslmode');
  if (unknown !== undefined) throw invalid(`${where}.database has an unknown parameter "${unknown}" (allowed: sslmode)`);
  const ssl = url.searchParams.get('sslmode') ?? 'disable';
  if (ssl !== 'disable' && ssl !== 'require' && ssl !== 'verify-full') throw invalid(`${where}.database: sslmode must be disable, require or verify-full`);
  if (databasePasswordFile !== undefined && databasePasswordEnv !== undefined) {
    throw invalid(`${where} needs at most one of databasePasswordFile and databasePasswordEnv`);
  }
  return {
    engine: 'postgres',
    url: text,
    host: url.hostname.replace(/^\[|\]$/g, ''),
    port: url.port === '' ? 5432 : Number(url.port),
    database: name,
    user: decodeURIComponent(url.username),
    ssl,
    ...(databasePasswordFile === undefined ? {} : { passwordFile: resolve(dataDir, requiredString(databasePasswordFile, `${where}.databasePasswordFile`, /^[^\u0000]{1,4096}$/)) }),
    ...(databasePasswordEnv === undefined ? {} : { passwordEnv: requiredString(databasePasswordEnv, `${where}.databasePasswordEnv`, /^[A-Z_][A-Z0-9_]{0,63}$/) }),
  };
}

/** How to connect, with the password read from its file or variable. @throws IpexError CONFIG_INVALID when it is not there */
export function postgresConnection(settings: Extract<DatabaseSettings, { engine: 'postgres' }>): PgConnection {
  let password: string | undefined;
  if (settings.passwordFile !== undefined) {
    try {
      password = readFileSync(settings.passwordFile, 'utf8').replace(/\r?\n$/, '');
    } catch (err) {
      throw invalid(`cannot read the PostgreSQL password file ${settings.passwordFile} (storage.databasePasswordFile): ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    }
  } else if (settings.passwordEnv !== undefined) {
    password = process.env[settings.passwordEnv];
    if (password === undefined) throw invalid(`the environment variable ${settings.passwordEnv} (storage.databasePasswordEnv) is not set: it must hold the PostgreSQL password`);
  }
  return {
    host: settings.host, port: settings.port, database: settings.database, user: settings.user,
    connectionTimeoutMillis: 10_000,
    ...(password === undefined ? {} : { password }),
    ...(settings.ssl === 'disable' ? {} : { ssl: { rejectUnauthorized: settings.ssl === 'verify-full' } }),
  };
}

function invalid(message: string): IpexError {
  return new IpexError('CONFIG_INVALID', message);
}
