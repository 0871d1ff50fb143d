/**
 * The node configuration: `<dataDir>/ipex.json`, validated once at start and frozen. Only what
 * differs from the defaults needs to be in the file; every key is checked, and an unknown key is
 * an error (a typo must not silently fall back to a default).
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { IpexError } from '../../protocol/errors/index.js';
import { DEFAULTS } from './defaults.js';
import { checkObject, optionalBoolean, optionalEnum, optionalHost, optionalInteger, requiredString } from './checks.js';

export interface NodeConfig {
  readonly dataDir: string;
  readonly office: { readonly code: string; readonly name: string };
  readonly exchange: { readonly host: string; readonly port: number; readonly publicUrl: string; readonly mutualTls: boolean };
  readonly officeApi: { readonly host: string; readonly port: number; readonly tls?: OfficeTlsFiles };
  readonly limits: { readonly jsonBodyBytes: number };
  readonly access: { readonly codeFormat: 'crockford' | 'das-hex'; readonly maxFailures: number; readonly lockMinutes: number };
  readonly signatures: { readonly maxSkewSeconds: number };
  readonly sessions: SessionSettings;
  readonly federation: { readonly peerTimeoutMs: number };
}

/** The office listener's TLS certificate and key files (absolute; relative ones are from the data folder). */
export interface OfficeTlsFiles {
  readonly certificate: string;
  readonly key: string;
}

/** Sessions of the office API and the portal (docs/portal.md "Sessions"). */
export interface SessionSettings {
  /** A session unused for this long ends. */
  readonly idleMinutes: number;
  /** A session ends this long after sign-in, used or not. */
  readonly absoluteHours: number;
  /** Failed sign-ins from one remote address within the window before further sign-ins are refused. */
  readonly signInFailures: number;
  readonly signInWindowMinutes: number;
}

export const CONFIG_FILE = 'ipex.json';

/** Reads and validates `<dataDir>/ipex.json`. */
export function loadConfig(dataDir: string): NodeConfig {
  const path = join(dataDir, CONFIG_FILE);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new IpexError('CONFIG_INVALID', `cannot read ${path}: run \`ipex node init\` first, or \`ipex start\` for a development node`, { cause: err });
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new IpexError('CONFIG_INVALID', `${path} is not valid JSON: ${(err as Error).message}`, { cause: err });
  }
  return parseConfig(raw, dataDir, path);
}

/** Validates a configuration object and fills in the defaults. */
export function parseConfig(raw: unknown, dataDir: string, source = 'configuration'): NodeConfig {
  const root = checkObject(raw, source, ['office', 'exchange', 'officeApi', 'limits', 'access', 'signatures', 'sessions', 'federation']);
  const office = checkObject(root.office, `${source}: office`, ['code', 'name']);
  const exchange = checkObject(root.exchange ?? {}, `${source}: exchange`, ['host', 'port', 'publicUrl', 'mutualTls']);
  const officeApi = checkObject(root.officeApi ?? {}, `${source}: officeApi`, ['host', 'port', 'tls']);
  const limits = checkObject(root.limits ?? {}, `${source}: limits`, ['jsonBodyBytes']);
  const access = checkObject(root.access ?? {}, `${source}: access`, ['codeFormat', 'maxFailures', 'lockMinutes']);
  const signatures = checkObject(root.signatures ?? {}, `${source}: signatures`, ['maxSkewSeconds']);
  const sessions = checkObject(root.sessions ?? {}, `${source}: sessions`, ['idleMinutes', 'absoluteHours', 'signInFailures', 'signInWindowMinutes']);
  const federation = checkObject(root.federation ?? {}, `${source}: federation`, ['peerTimeoutMs']);
  const tls = officeApi.tls === undefined ? undefined : officeTlsFiles(officeApi.tls, dataDir, `${source}: officeApi.tls`);

  const exchangeHost = optionalHost(exchange.host, `${source}: exchange.host`) ?? DEFAULTS.exchange.host;
  const exchangePort = optionalInteger(exchange.port, `${source}: exchange.port`, 0, 65535) ?? DEFAULTS.exchange.port;
  const config: NodeConfig = {
    dataDir,
    office: {
      code: requiredString(office.code, `${source}: office.code`, /^[A-Z]{2}$/),
      name: requiredString(office.name, `${source}: office.name`, /^.{1,200}$/),
    },
    exchange: {
      host: exchangeHost,
      port: exchangePort,
      publicUrl: exchange.publicUrl === undefined
        ? `https://${exchangeHost}:${exchangePort}`
        : requiredString(exchange.publicUrl, `${source}: exchange.publicUrl`, /^https:\/\/[^\s/]+(:\d+)?\/?$/),
      mutualTls: optionalBoolean(exchange.mutualTls, `${source}: exchange.mutualTls`) ?? DEFAULTS.exchange.mutualTls,
    },
    officeApi: {
      host: optionalHost(officeApi.host, `${source}: officeApi.host`) ?? DEFAULTS.officeApi.host,
      port: optionalInteger(officeApi.port, `${source}: officeApi.port`, 0, 65535) ?? DEFAULTS.officeApi.port,
      ...(tls === undefined ? {} : { tls }),
    },
    limits: {
      jsonBodyBytes: optionalInteger(limits.jsonBodyBytes, `${source}: limits.jsonBodyBytes`, 1024, 64 * 1024 * 1024) ?? DEFAULTS.limits.jsonBodyBytes,
    },
    access: {
      codeFormat: optionalEnum(access.codeFormat, `${source}: access.codeFormat`, ['crockford', 'das-hex'] as const) ?? DEFAULTS.access.codeFormat,
      maxFailures: optionalInteger(access.maxFailures, `${source}: access.maxFailures`, 1, 1000) ?? DEFAULTS.access.maxFailures,
      lockMinutes: optionalInteger(access.lockMinutes, `${source}: access.lockMinutes`, 1, 525600) ?? DEFAULTS.access.lockMinutes,
    },
    signatures: {
      maxSkewSeconds: optionalInteger(signatures.maxSkewSeconds, `${source}: signatures.maxSkewSeconds`, 5, 3600) ?? DEFAULTS.signatures.maxSkewSeconds,
    },
    sessions: {
      idleMinutes: optionalInteger(sessions.idleMinutes, `${source}: sessions.idleMinutes`, 1, 1440) ?? DEFAULTS.sessions.idleMinutes,
      absoluteHours: optionalInteger(sessions.absoluteHours, `${source}: sessions.absoluteHours`, 1, 720) ?? DEFAULTS.sessions.absoluteHours,
      signInFailures: optionalInteger(sessions.signInFailures, `${source}: sessions.signInFailures`, 1, 10000) ?? DEFAULTS.sessions.signInFailures,
      signInWindowMinutes: optionalInteger(sessions.signInWindowMinutes, `${source}: sessions.signInWindowMinutes`, 1, 1440) ?? DEFAULTS.sessions.signInWindowMinutes,
    },
    federation: {
      peerTimeoutMs: optionalInteger(federation.peerTimeoutMs, `${source}: federation.peerTimeoutMs`, 100, 120_000) ?? DEFAULTS.federation.peerTimeoutMs,
    },
  };
  return deepFreeze(config);
}

/** `officeApi.tls`: both files named; they are read and checked when the node starts (node/runtime/office-tls.ts). */
function officeTlsFiles(value: unknown, dataDir: string, where: string): OfficeTlsFiles {
  const tls = checkObject(value, where, ['certificate', 'key']);
  const file = (v: unknown, key: string): string => resolve(dataDir, requiredString(v, `${where}.${key}`, /^[^\u0000]{1,4096}$/));
  return { certificate: file(tls.certificate, 'certificate'), key: file(tls.key, 'key') };
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
