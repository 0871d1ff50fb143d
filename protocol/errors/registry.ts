/**
 * The one registry of stable error codes (CONVENTIONS.md "Types and errors"). Each area keeps
 * its codes in its own file under `codes/`; this module joins them and refuses duplicates, so a
 * code names exactly one situation. `docs/errors.md` lists every code; a test keeps them in sync.
 */
import { generalCodes } from './codes/general.js';
import { exchangePrimitivesCodes } from './codes/exchange-primitives.js';
import { storageCodes } from './codes/storage.js';
import { httpAppCodes } from './codes/http-app.js';
import { auditFormatsCodes } from './codes/audit-formats.js';
import { pathValidationCodes } from './codes/path-validation.js';
import { pkiCodes } from './codes/pki.js';
import { directoryCodes } from './codes/directory.js';
import { certificationCodes } from './codes/certification.js';
import { nodeRuntimeCodes } from './codes/node-runtime.js';
import { officeAuthCodes } from './codes/office-auth.js';
import { auditVerifyCodes } from './codes/audit-verify.js';
import { auditLogCodes } from './codes/audit-log.js';
import { depositCodes } from './codes/deposit.js';
import { exchangeClientCodes } from './codes/exchange-client.js';
import { accessCodes } from './codes/access.js';
import { sessionCodes } from './codes/sessions.js';
import { notificationCodes } from './codes/notifications.js';
import { trackingCodes } from './codes/tracking.js';
import { importCodes } from './codes/import.js';
import { inboxCodes } from './codes/inbox.js';
import type { ErrorSpec } from './spec.js';

const areas = [generalCodes, exchangePrimitivesCodes, storageCodes, httpAppCodes, auditFormatsCodes, pathValidationCodes, pkiCodes, directoryCodes, certificationCodes, nodeRuntimeCodes, officeAuthCodes, auditVerifyCodes, auditLogCodes, depositCodes, exchangeClientCodes, accessCodes, sessionCodes, notificationCodes, trackingCodes, importCodes, inboxCodes] as const;

type Union<T> = T extends readonly (infer E)[] ? E : never;
type Merge<U> = (U extends unknown ? (k: U) => void : never) extends (k: infer I) => void ? I : never;

/** Every registered code, with its HTTP status, title and DAS/TDA status. */
export const ERROR_CODES = mergeAreas(areas) as Merge<Union<typeof areas>>;

/** A stable error code from the registry. */
export type ErrorCode = keyof typeof ERROR_CODES;

/** Looks up the registry entry of a code. */
export function errorSpec(code: ErrorCode): ErrorSpec {
  return ERROR_CODES[code] as ErrorSpec;
}

/** True when `value` is a registered code (for codes read from the wire). */
export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(ERROR_CODES, value);
}

function mergeAreas(list: readonly Record<string, ErrorSpec>[]): Record<string, ErrorSpec> {
  const merged: Record<string, ErrorSpec> = {};
  for (const area of list) {
    for (const [code, spec] of Object.entries(area)) {
      if (code in merged) throw new Error(`error code ${code} is registered twice`);
      merged[code] = Object.freeze({ ...spec });
    }
  }
  return Object.freeze(merged);
}
