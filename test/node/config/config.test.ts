import { expect } from 'chai';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, parseConfig } from '../../../node/config/config.js';
import { isIpexError } from '../../../protocol/errors/index.js';

describe('node configuration', () => {
  const minimal = { office: { code: 'EP', name: 'European Patent Office' } };

  it('fills secure defaults and freezes the result', () => {
    const config = parseConfig(minimal, '/data');
    expect(config.exchange).to.deep.equal({ host: '127.0.0.1', port: 8443, publicUrl: 'https://127.0.0.1:8443', mutualTls: true, workers: 1 });
    expect(config.officeApi.host).to.equal('127.0.0.1');
    expect(config.limits.jsonBodyBytes).to.equal(1024 * 1024);
    expect(Object.isFrozen(config.exchange)).to.equal(true);
    expect(() => { (config.exchange as { port: number }).port = 1; }).to.throw(TypeError);
  });

  it('keeps values that are given', () => {
    const config = parseConfig({ ...minimal, exchange: { host: '0.0.0.0', port: 9443, publicUrl: 'https://ipex.example.org:9443' }, access: { codeFormat: 'das-hex' } }, '/d');
    expect(config.exchange.publicUrl).to.equal('https://ipex.example.org:9443');
    expect(config.access.codeFormat).to.equal('das-hex');
  });

  // issue 13, operations basics: the log, the metrics listener and the expiry alerts
  it('defaults the log to info (auto format), metrics to the office listener and expiry alerts to 30 and 7 days (certificates), 7 and 2 (directory)', () => {
    const config = parseConfig(minimal, '/d');
    expect(config.log).to.deep.equal({ level: 'info', format: 'auto' });
    expect(config.metrics).to.deep.equal({ enabled: true });
    expect(config.alerts).to.deep.equal({ certificateExpiryDays: [30, 7], directoryExpiryDays: [7, 2], expiryCheckMinutes: 60, storageFreePercent: 10, storageCheckMinutes: 5, peerUnreachableMinutes: 60 });
    const given = parseConfig({ ...minimal, log: { level: 'debug', format: 'json' }, metrics: { port: 9464 }, alerts: { certificateExpiryDays: [7, 60, 14] } }, '/d');
    expect(given.log).to.deep.equal({ level: 'debug', format: 'json' });
    expect(given.metrics).to.deep.equal({ enabled: true, listener: { host: '127.0.0.1', port: 9464 } });
    expect(given.alerts.certificateExpiryDays).to.deep.equal([60, 14, 7]);
  });

  // Issue 12: the per-peer deadline of a family search.
  it('reads the watched inbox (issue 15): none by default, a folder from the data folder, 10 s between looks', () => {
    expect(parseConfig(minimal, '/d').inbox).to.equal(undefined);
    expect(parseConfig({ ...minimal, inbox: { folder: 'efiling' } }, '/d').inbox).to.deep.equal({ folder: '/d/efiling', pollSeconds: 10 });
    expect(parseConfig({ ...minimal, inbox: { folder: '/srv/ipas', pollSeconds: 2 } }, '/d').inbox).to.deep.equal({ folder: '/srv/ipas', pollSeconds: 2 });
  });

  it('reads federation.peerTimeoutMs, 5000 by default', () => {
    expect(parseConfig(minimal, '/d').federation.peerTimeoutMs).to.equal(5000);
    expect(parseConfig({ ...minimal, federation: { peerTimeoutMs: 800 } }, '/d').federation.peerTimeoutMs).to.equal(800);
  });

  it('reads the storage and peer alert thresholds, and takes plain SMTP on loopback', () => {
    const given = parseConfig({ ...minimal, alerts: { storageFreePercent: 20, storageCheckMinutes: 1, peerUnreachableMinutes: 15 } }, '/d');
    expect(given.alerts).to.include({ storageFreePercent: 20, storageCheckMinutes: 1, peerUnreachableMinutes: 15 });
    for (const host of ['127.0.0.1', 'localhost', '::1']) {
      const local = parseConfig({ ...minimal, notifications: { email: { host, security: 'none', from: 'ipex@office.example', staff: [] } } }, '/d');
      expect(local.notifications.email).to.include({ host, security: 'none', port: 25 });
    }
  });

  const bad: [string, unknown, RegExp][] = [
    ['a log level that does not exist', { ...minimal, log: { level: 'loud' } }, /log.level must be one of fatal, error, warn, info, debug, trace, silent/],
    ['a metrics listener beyond loopback', { ...minimal, metrics: { host: '0.0.0.0', port: 9464 } }, /metrics.host must be a loopback address/],
    ['a metrics host without a port', { ...minimal, metrics: { host: '127.0.0.1' } }, /metrics.host needs metrics.port/],
    ['expiry days that repeat', { ...minimal, alerts: { certificateExpiryDays: [7, 7] } }, /certificateExpiryDays must be a list of 1 to 5 different integers/],
    ['expiry days out of range', { ...minimal, alerts: { directoryExpiryDays: [0] } }, /directoryExpiryDays/],
    ['an unknown top-level key', { ...minimal, exchnage: {} }, /unknown key "exchnage"/],
    ['an unknown nested key', { ...minimal, exchange: { prot: 1 } }, /exchange has an unknown key "prot"/],
    ['a port out of range', { ...minimal, exchange: { port: 70000 } }, /exchange.port must be an integer from 0 to 65535/],
    ['a lower-case office code', { office: { code: 'ep', name: 'x' } }, /office.code/],
    ['a plain-http public URL', { ...minimal, exchange: { publicUrl: 'http://x:1' } }, /publicUrl/],
    ['a bad code format', { ...minimal, access: { codeFormat: 'base64' } }, /codeFormat must be one of crockford, das-hex/],
    ['no exchange workers', { ...minimal, exchange: { workers: 0 } }, /exchange.workers must be an integer from 1 to 64/],
    ['exchange workers given as a word', { ...minimal, exchange: { workers: 'two' } }, /exchange.workers must be an integer from 1 to 64/],
    ['a non-boolean mutualTls', { ...minimal, exchange: { mutualTls: 'no' } }, /mutualTls must be true or false/],
    ['a bad host', { ...minimal, officeApi: { host: 'not a host' } }, /officeApi.host/],
    ['a family-search deadline below 100 ms', { ...minimal, federation: { peerTimeoutMs: 50 } }, /federation.peerTimeoutMs must be an integer from 100 to 120000/],
    ['a storage threshold above half the disk', { ...minimal, alerts: { storageFreePercent: 60 } }, /alerts.storageFreePercent must be an integer from 1 to 50/],
    ['a peer threshold under five minutes', { ...minimal, alerts: { peerUnreachableMinutes: 1 } }, /alerts.peerUnreachableMinutes must be an integer from 5 to 10080/],
    // Issue 12: mail and its credentials never cross a network in clear.
    ['plain SMTP towards another machine', { ...minimal, notifications: { email: { host: 'smtp.office.example', security: 'none', from: 'ipex@office.example', staff: [] } } },
      /notifications.email.security "none" sends mail and credentials in clear: it is allowed only for an SMTP server on loopback \(use "starttls" or "tls" for smtp.office.example\)/],
    ['plain SMTP towards a private address', { ...minimal, notifications: { email: { host: '10.0.0.25', port: 25, security: 'none', from: 'ipex@office.example', staff: [] } } }, /allowed only for an SMTP server on loopback/],
    ['an inbox without a folder', { ...minimal, inbox: { pollSeconds: 5 } }, /inbox.folder/],
    ['an inbox looked into more than once a second', { ...minimal, inbox: { folder: 'in', pollSeconds: 0 } }, /inbox.pollSeconds must be an integer from 1 to 3600/],
    ['an unknown inbox key', { ...minimal, inbox: { folder: 'in', watch: true } }, /inbox has an unknown key "watch"/],
    ['not an object', [], /must be an object/],
  ];
  for (const [what, raw, message] of bad) {
    it(`refuses ${what} with CONFIG_INVALID`, () => {
      try {
        parseConfig(raw, '/d');
        expect.fail('accepted');
      } catch (err) {
        expect(isIpexError(err, 'CONFIG_INVALID'), String(err)).to.equal(true);
        expect((err as Error).message).to.match(message);
      }
    });
  }

  it('says what to do when the file is missing or not JSON', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ipex-config-'));
    try {
      expect(() => loadConfig(dir)).to.throw(/ipex node init/);
      writeFileSync(join(dir, 'ipex.json'), '{ "office": ');
      expect(() => loadConfig(dir)).to.throw(/not valid JSON/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
