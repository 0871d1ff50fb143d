/**
 * The level and format of the node's log (node-log.ts): `log.level` / `log.format` in ipex.json,
 * or IPEX_LOG_LEVEL / IPEX_LOG_FORMAT, which win so that an operator can turn on `debug` for one
 * run without editing the file. Apart from node-log.ts so that reading the configuration, which
 * every command does, does not load the logger.
 */
import { IpexError } from '../../protocol/errors/index.js';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
export const LOG_FORMATS = ['auto', 'json', 'pretty'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

export interface LogSettings {
  readonly level: LogLevel;
  /** `auto`: for a person when the log goes to a terminal, JSON lines otherwise. */
  readonly format: LogFormat;
}

/** The settings of this run: the environment over ipex.json; a bad environment value stops the start. */
export function logSettings(configured: LogSettings, env: NodeJS.ProcessEnv = process.env): LogSettings {
  return {
    level: fromEnv(env, 'IPEX_LOG_LEVEL', LOG_LEVELS) ?? configured.level,
    format: fromEnv(env, 'IPEX_LOG_FORMAT', LOG_FORMATS) ?? configured.format,
  };
}

function fromEnv<const T extends readonly string[]>(env: NodeJS.ProcessEnv, name: string, allowed: T): T[number] | undefined {
  const value = env[name];
  if (value === undefined || value === '') return undefined;
  if (!allowed.includes(value)) throw new IpexError('CONFIG_INVALID', `${name} must be one of ${allowed.join(', ')}, not "${value.slice(0, 20)}"`);
  return value as T[number];
}
