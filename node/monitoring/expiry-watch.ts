/**
 * Alerts to staff before a certificate or the directory expires (issue 13): at start and every
 * `alerts.expiryCheckMinutes`, each certificate of the node (watched-certificates.ts) and the
 * installed directory are compared with `alerts.certificateExpiryDays` (30 and 7 by default) and
 * `alerts.directoryExpiryDays` (7 and 2: a directory is published for weeks, not years). One
 * that has crossed a threshold raises a staff alert through node/services/staff — deduplicated
 * there, one open alert per kind and subject — whose warning is a `warn` record of the node's
 * log. The subject names the certificate (by its SHA-256) or the directory serial, and the
 * threshold crossed, so that the 7-day alert is a new one after the 30-day one was acknowledged,
 * and a renewed certificate starts afresh.
 */
import type { NodeContext } from '../runtime/node-context.js';
import { staffAlertsFor, type AlertInput } from '../services/staff/staff-alerts.js';
import { daysUntil, type WatchedCertificate } from './watched-certificates.js';

/** Runs `check` every `ms` until stopped; tests give their own, to run it when their clock says. */
export type Schedule = (check: () => void, ms: number) => { stop(): void };

export const everyInterval: Schedule = (check, ms) => {
  const timer = setInterval(check, ms);
  timer.unref();
  return { stop: () => clearInterval(timer) };
};

export class ExpiryWatch {
  readonly #context: NodeContext;
  readonly #certificates: readonly WatchedCertificate[];
  readonly #schedule: Schedule;
  #scheduled: { stop(): void } | undefined;

  constructor(context: NodeContext, certificates: readonly WatchedCertificate[], schedule: Schedule = everyInterval) {
    this.#context = context;
    this.#certificates = certificates;
    this.#schedule = schedule;
  }

  /** Checks now, then every `alerts.expiryCheckMinutes` until stop(). */
  start(): void {
    this.check();
    this.#scheduled = this.#schedule(() => this.check(), this.#context.config.alerts.expiryCheckMinutes * 60_000);
  }

  stop(): void {
    this.#scheduled?.stop();
    this.#scheduled = undefined;
  }

  /** Raises an alert for everything within a threshold of expiry; returns what it raised. */
  check(): AlertInput[] {
    const now = this.#context.clock.now().getTime();
    const { alerts } = this.#context.config;
    const raised: AlertInput[] = [];
    for (const c of this.#certificates) {
      const alert = this.#alert('certificate.expiring', `${c.use} certificate ${c.sha256}`, c.notAfter, now, alerts.certificateExpiryDays,
        `the ${c.use} certificate of office ${this.#context.identity.code} (SHA-256 ${c.sha256})`,
        'have the network operator certify a new key and install it with `ipex node rotate` (docs/trust.md)');
      if (alert !== undefined) raised.push(alert);
    }
    const directory = this.#context.store.installedSummary();
    if (directory !== undefined) {
      const alert = this.#alert('directory.expiring', `directory ${directory.network} serial ${directory.serial}`, Date.parse(directory.expiresAt), now, alerts.directoryExpiryDays,
        `the network directory ${directory.network} serial ${directory.serial}`,
        'ask the network operator for the next directory and install it with `ipex directory install` (docs/trust.md); exchanges stop when it expires');
      if (alert !== undefined) raised.push(alert);
    }
    const staff = staffAlertsFor(this.#context);
    for (const alert of raised) staff.raise(alert);
    return raised;
  }

  #alert(kind: AlertInput['kind'], what: string, expiresAt: number, now: number, thresholds: readonly number[], described: string, todo: string): AlertInput | undefined {
    const left = daysUntil(expiresAt, now);
    // The smallest threshold crossed: at 5 days left that is the 7-day alert, not the 30-day one.
    const threshold = [...thresholds].sort((a, b) => a - b).find((d) => left <= d);
    if (threshold === undefined) return undefined;
    const when = new Date(expiresAt).toISOString();
    const detail = left <= 0
      ? `${described} expired at ${when}: ${todo}`
      : `${described} expires at ${when}, in ${Math.ceil(left)} day${Math.ceil(left) === 1 ? '' : 's'}: ${todo}`;
    return { kind, subject: `${what} within ${threshold} days`, detail };
  }
}
