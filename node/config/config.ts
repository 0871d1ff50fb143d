/**
 * The node configuration: `<dataDir>/ipex.json`, validated once at start and frozen. Only what
 * differs from the defaults needs to be in the file; every key is checked, and an unknown key is
 * an error (a typo must not silently fall back to a default).
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { IpexError } from '../../protocol/errors/index.js';
import { DEFAULTS } from './defaults.js';
import { LOG_FORMATS, LOG_LEVELS, type LogSettings } from '../monitoring/log-settings.js';
import { storageSettings, type StorageSettings } from './storage-settings.js';
import { inboxSettings, type InboxSettings } from './inbox-settings.js';
import { checkObject, optionalBoolean, optionalEnum, optionalHost, optionalInteger, optionalIntegerList, requiredString } from './checks.js';

export interface NodeConfig {
  readonly dataDir: string;
  readonly office: { readonly code: string; readonly name: string };
  readonly exchange: {
    readonly host: string; readonly port: number; readonly publicUrl: string; readonly mutualTls: boolean;
    /** Processes serving the exchange listener (issue 14): 1 = the node's own; N > 1 = N `node:cluster` workers. */
    readonly workers: number;
  };
  readonly officeApi: { readonly host: string; readonly port: number; readonly tls?: OfficeTlsFiles };
  readonly limits: { readonly jsonBodyBytes: number };
  readonly access: { readonly codeFormat: 'crockford' | 'das-hex'; readonly maxFailures: number; readonly lockMinutes: number };
  readonly signatures: { readonly maxSkewSeconds: number };
  readonly sessions: SessionSettings;
  readonly log: LogSettings;
  readonly metrics: MetricsSettings;
  readonly alerts: AlertSettings;
  readonly notifications: NotificationSettings;
  readonly federation: { readonly peerTimeoutMs: number };
  readonly storage: StorageSettings;
  /** The watched inbox of the e-filing hook; absent: none (docs/e-filing.md). */
  readonly inbox?: InboxSettings;
}

/** Where `/metrics` is served (docs/operations.md "Metrics"). */
export interface MetricsSettings {
  readonly enabled: boolean;
  /** A separate listener for `/metrics` without a token, on a loopback address; absent: the office listener, with a token. */
  readonly listener?: { readonly host: string; readonly port: number };
}

/** Staff alerts the node raises by itself (docs/operations.md "Staff alerts"). */
export interface AlertSettings {
  /** Days before a certificate of the node expires at which an alert is raised, largest first. */
  readonly certificateExpiryDays: readonly number[];
  /** The same for the installed directory, which lives weeks, not years (`ipex network publish` makes 30 days). */
  readonly directoryExpiryDays: readonly number[];
  /** How often expiry is checked after the check at start. */
  readonly expiryCheckMinutes: number;
  /** `storage.low` when the data folder's file system has less than this share free (percent). */
  readonly storageFreePercent: number;
  /** How often free space is checked after the check at start. */
  readonly storageCheckMinutes: number;
  /** `peer.unreachable` when every contact with a peer failed for this long. */
  readonly peerUnreachableMinutes: number;
}

/** The outbox and what is sent through it (docs/notifications.md, docs/configuration.md). */
export interface NotificationSettings {
  /** E-mail over SMTP; undefined when the node sends no e-mail (docs/notifications.md "E-mail"). */
  readonly email?: EmailSettings;
  readonly outbox: {
    /** Attempts before a message becomes a dead letter. */
    readonly maxAttempts: number;
    /** The first retry waits up to this long, each next one up to twice as long … */
    readonly retryBaseSeconds: number;
    /** … but never more than this. */
    readonly retryMaxMinutes: number;
  };
}

/** `notifications.email`: the SMTP server, the sender, and the staff addresses. */
export interface EmailSettings {
  readonly host: string;
  readonly port: number;
  /** `tls`: implicit TLS (port 465); `starttls`: STARTTLS required (587); `none`: plain, loopback only. */
  readonly security: 'tls' | 'starttls' | 'none';
  readonly from: string;
  /** SMTP AUTH user, and where its password comes from (a file, or an environment variable); never the password itself. */
  readonly auth?: { readonly user: string; readonly passwordFile?: string; readonly passwordEnv?: string };
  /** Who gets the staff e-mails (every staff alert). */
  readonly staff: readonly string[];
  /** The language of the staff e-mails. */
  readonly staffLanguage: 'en' | 'fr' | 'es' | 'ar' | 'zh' | 'ru';
  /** PEM file of the CA that signed the SMTP server's certificate, beside the system's (for an internal CA). */
  readonly caFile?: string;
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
  const root = checkObject(raw, source, ['office', 'exchange', 'officeApi', 'limits', 'access', 'signatures', 'sessions', 'log', 'metrics', 'alerts', 'notifications', 'federation', 'storage', 'inbox']);
  const office = checkObject(root.office, `${source}: office`, ['code', 'name']);
  const exchange = checkObject(root.exchange ?? {}, `${source}: exchange`, ['host', 'port', 'publicUrl', 'mutualTls', 'workers']);
  const officeApi = checkObject(root.officeApi ?? {}, `${source}: officeApi`, ['host', 'port', 'tls']);
  const limits = checkObject(root.limits ?? {}, `${source}: limits`, ['jsonBodyBytes']);
  const access = checkObject(root.access ?? {}, `${source}: access`, ['codeFormat', 'maxFailures', 'lockMinutes']);
  const signatures = checkObject(root.signatures ?? {}, `${source}: signatures`, ['maxSkewSeconds']);
  const sessions = checkObject(root.sessions ?? {}, `${source}: sessions`, ['idleMinutes', 'absoluteHours', 'signInFailures', 'signInWindowMinutes']);
  const log = checkObject(root.log ?? {}, `${source}: log`, ['level', 'format']);
  const alerts = checkObject(root.alerts ?? {}, `${source}: alerts`, ['certificateExpiryDays', 'directoryExpiryDays', 'expiryCheckMinutes', 'storageFreePercent', 'storageCheckMinutes', 'peerUnreachableMinutes']);
  const notifications = checkObject(root.notifications ?? {}, `${source}: notifications`, ['outbox', 'email']);
  const email = notifications.email === undefined ? undefined : emailSettings(notifications.email, dataDir, `${source}: notifications.email`);
  const outbox = checkObject(notifications.outbox ?? {}, `${source}: notifications.outbox`, ['maxAttempts', 'retryBaseSeconds', 'retryMaxMinutes']);
  const federation = checkObject(root.federation ?? {}, `${source}: federation`, ['peerTimeoutMs']);
  const tls = officeApi.tls === undefined ? undefined : officeTlsFiles(officeApi.tls, dataDir, `${source}: officeApi.tls`);

  const inbox = inboxSettings(root.inbox, dataDir, `${source}: inbox`);

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
      workers: optionalInteger(exchange.workers, `${source}: exchange.workers`, 1, 64) ?? DEFAULTS.exchange.workers,
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
    log: {
      level: optionalEnum(log.level, `${source}: log.level`, LOG_LEVELS) ?? DEFAULTS.log.level,
      format: optionalEnum(log.format, `${source}: log.format`, LOG_FORMATS) ?? DEFAULTS.log.format,
    },
    metrics: metricsSettings(root.metrics ?? {}, `${source}: metrics`),
    alerts: {
      certificateExpiryDays: optionalIntegerList(alerts.certificateExpiryDays, `${source}: alerts.certificateExpiryDays`, 1, 365, 5) ?? DEFAULTS.alerts.certificateExpiryDays,
      directoryExpiryDays: optionalIntegerList(alerts.directoryExpiryDays, `${source}: alerts.directoryExpiryDays`, 1, 365, 5) ?? DEFAULTS.alerts.directoryExpiryDays,
      expiryCheckMinutes: optionalInteger(alerts.expiryCheckMinutes, `${source}: alerts.expiryCheckMinutes`, 1, 1440) ?? DEFAULTS.alerts.expiryCheckMinutes,
      storageFreePercent: optionalInteger(alerts.storageFreePercent, `${source}: alerts.storageFreePercent`, 1, 50) ?? DEFAULTS.alerts.storageFreePercent,
      storageCheckMinutes: optionalInteger(alerts.storageCheckMinutes, `${source}: alerts.storageCheckMinutes`, 1, 1440) ?? DEFAULTS.alerts.storageCheckMinutes,
      peerUnreachableMinutes: optionalInteger(alerts.peerUnreachableMinutes, `${source}: alerts.peerUnreachableMinutes`, 5, 10080) ?? DEFAULTS.alerts.peerUnreachableMinutes,
    },
    notifications: {
      ...(email === undefined ? {} : { email }),
      outbox: {
        maxAttempts: optionalInteger(outbox.maxAttempts, `${source}: notifications.outbox.maxAttempts`, 1, 100) ?? DEFAULTS.notifications.outbox.maxAttempts,
        retryBaseSeconds: optionalInteger(outbox.retryBaseSeconds, `${source}: notifications.outbox.retryBaseSeconds`, 1, 3600) ?? DEFAULTS.notifications.outbox.retryBaseSeconds,
        retryMaxMinutes: optionalInteger(outbox.retryMaxMinutes, `${source}: notifications.outbox.retryMaxMinutes`, 1, 1440) ?? DEFAULTS.notifications.outbox.retryMaxMinutes,
      },
    },
    federation: {
      peerTimeoutMs: optionalInteger(federation.peerTimeoutMs, `${source}: federation.peerTimeoutMs`, 100, 120_000) ?? DEFAULTS.federation.peerTimeoutMs,
    },
    storage: storageSettings(root.storage ?? {}, dataDir, `${source}: storage`),
    ...(inbox === undefined ? {} : { inbox }),
  };
  return deepFreeze(config);
}

/** `officeApi.tls`: both files named; they are read and checked when the node starts (node/runtime/office-tls.ts). */
function officeTlsFiles(value: unknown, dataDir: string, where: string): OfficeTlsFiles {
  const tls = checkObject(value, where, ['certificate', 'key']);
  const file = (v: unknown, key: string): string => resolve(dataDir, requiredString(v, `${where}.${key}`, /^[^\u0000]{1,4096}$/));
  return { certificate: file(tls.certificate, 'certificate'), key: file(tls.key, 'key') };
}

/** `metrics`: on the office listener behind a token by default; a port of its own only on loopback, since it has no token. */
function metricsSettings(value: unknown, where: string): MetricsSettings {
  const metrics = checkObject(value, where, ['enabled', 'host', 'port']);
  const enabled = optionalBoolean(metrics.enabled, `${where}.enabled`) ?? DEFAULTS.metrics.enabled;
  const port = optionalInteger(metrics.port, `${where}.port`, 0, 65535);
  const host = optionalHost(metrics.host, `${where}.host`);
  if (port === undefined) {
    if (host !== undefined) throw new IpexError('CONFIG_INVALID', `${where}.host needs metrics.port: the metrics listener is made only with a port of its own`);
    return { enabled };
  }
  const listenHost = host ?? DEFAULTS.metrics.host;
  if (!isLoopback(listenHost)) {
    throw new IpexError('CONFIG_INVALID', `${where}.host must be a loopback address (127.0.0.1, ::1, localhost): the metrics listener has no token; to scrape from another machine leave out metrics.port and use a staff token on the office listener`);
  }
  return { enabled, listener: { host: listenHost, port } };
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/**
 * `notifications.email`: checked at start, so that a mistake stops the node with CONFIG_INVALID
 * instead of failing every e-mail later. The password is never in ipex.json: `auth.passwordFile`
 * (relative to the data folder) or `auth.passwordEnv` names where it is, and it must be there.
 */
function emailSettings(value: unknown, dataDir: string, where: string): EmailSettings {
  const e = checkObject(value, where, ['host', 'port', 'security', 'from', 'auth', 'staff', 'staffLanguage', 'caFile']);
  const host = optionalHost(e.host, `${where}.host`);
  if (host === undefined) throw new IpexError('CONFIG_INVALID', `${where}.host is required`);
  const security = optionalEnum(e.security, `${where}.security`, ['tls', 'starttls', 'none'] as const) ?? 'starttls';
  if (security === 'none' && !isLoopback(host)) {
    throw new IpexError('CONFIG_INVALID', `${where}.security "none" sends mail and credentials in clear: it is allowed only for an SMTP server on loopback (use "starttls" or "tls" for ${host})`);
  }
  const from = requiredString(e.from, `${where}.from`, /^[^\r\n<>]{0,100}<?[^\s@<>]{1,64}@[^\s@<>]{1,253}>?$/);
  const staff = e.staff === undefined ? [] : e.staff;
  if (!Array.isArray(staff) || staff.length > 50 || staff.some((a) => typeof a !== 'string' || !/^[^\s@<>,]{1,64}@[^\s@<>,]{1,253}$/.test(a))) {
    throw new IpexError('CONFIG_INVALID', `${where}.staff must be a list of at most 50 plain e-mail addresses`);
  }
  let auth: EmailSettings['auth'];
  if (e.auth !== undefined) {
    const a = checkObject(e.auth, `${where}.auth`, ['user', 'passwordFile', 'passwordEnv']);
    const user = requiredString(a.user, `${where}.auth.user`, /^[^\r\n]{1,256}$/);
    if ((a.passwordFile === undefined) === (a.passwordEnv === undefined)) {
      throw new IpexError('CONFIG_INVALID', `${where}.auth needs exactly one of passwordFile (a file beside ipex.json) or passwordEnv (an environment variable): never the password itself`);
    }
    auth = a.passwordFile !== undefined
      ? { user, passwordFile: resolve(dataDir, requiredString(a.passwordFile, `${where}.auth.passwordFile`, /^[^\u0000]{1,4096}$/)) }
      : { user, passwordEnv: requiredString(a.passwordEnv, `${where}.auth.passwordEnv`, /^[A-Z_][A-Z0-9_]{0,63}$/) };
  }
  return {
    host, security, from, staff: staff as string[],
    port: optionalInteger(e.port, `${where}.port`, 1, 65535) ?? (security === 'tls' ? 465 : security === 'starttls' ? 587 : 25),
    staffLanguage: optionalEnum(e.staffLanguage, `${where}.staffLanguage`, ['en', 'fr', 'es', 'ar', 'zh', 'ru'] as const) ?? 'en',
    ...(auth === undefined ? {} : { auth }),
    ...(e.caFile === undefined ? {} : { caFile: resolve(dataDir, requiredString(e.caFile, `${where}.caFile`, /^[^\u0000]{1,4096}$/)) }),
  };
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
