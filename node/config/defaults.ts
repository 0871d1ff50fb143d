/**
 * Secure defaults of a node (CONVENTIONS.md "Security habits"): mutual TLS on, TLS 1.3 only,
 * the office API on loopback, JSON bodies limited. Every value here is documented in
 * docs/configuration.md.
 */
import type { LogFormat, LogLevel } from '../monitoring/log-settings.js';

export const DEFAULTS = {
  exchange: { host: '127.0.0.1', port: 8443, mutualTls: true, workers: 1 },
  officeApi: { host: '127.0.0.1', port: 8080 },
  limits: { jsonBodyBytes: 1024 * 1024 },
  access: {
    codeFormat: 'crockford' as 'crockford' | 'das-hex',
    /** Failed retrieval attempts by one office on one document before it is locked for that office. */
    maxFailures: 5,
    /** How long a lock lasts. */
    lockMinutes: 24 * 60,
  },
  sessions: {
    idleMinutes: 30,
    absoluteHours: 12,
    signInFailures: 10,
    signInWindowMinutes: 15,
  },
  log: { level: 'info' as LogLevel, format: 'auto' as LogFormat },
  metrics: { enabled: true, host: '127.0.0.1' },
  alerts: {
    /** An alert when a certificate has 30 days left, and again at 7. */
    certificateExpiryDays: [30, 7] as readonly number[],
    /** A directory is published for 30 days (`ipex network publish`): an alert when 7 are left, and at 2. */
    directoryExpiryDays: [7, 2] as readonly number[],
    expiryCheckMinutes: 60,
    /** `storage.low` below 10 % free: on a 100 GB disk, 10 GB is days of deposits to act in. */
    storageFreePercent: 10,
    /** Free space is cheap to read (one statfs): often enough to see a disk fill within minutes. */
    storageCheckMinutes: 5,
    /** `peer.unreachable` after an hour of failed contacts: longer than a restart or a maintenance window. */
    peerUnreachableMinutes: 60,
  },
  notifications: {
    /** 15 attempts with backoff capped at 6 h span about two days (Standard Webhooks' advice: days). */
    outbox: { maxAttempts: 15, retryBaseSeconds: 10, retryMaxMinutes: 360 },
  },
  federation: {
    /** How long a family search waits for each peer's answer to a round (issue 12). */
    peerTimeoutMs: 5000,
  },
  signatures: {
    /** How far `created` of a signed request may be from the node's clock, either way. */
    maxSkewSeconds: 300,
  },
} as const;
