import { expect } from 'chai';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { databaseSettings, postgresConnection } from '../../../node/config/database-settings.js';
import { parseConfig } from '../../../node/config/config.js';
import { isIpexError } from '../../../protocol/errors/index.js';

function expectCode(fn: () => unknown, code: string, message: RegExp): void {
  try {
    fn();
  } catch (err) {
    expect(isIpexError(err) && err.code === code, String(err)).to.equal(true);
    expect((err as Error).message).to.match(message);
    return;
  }
  expect.fail(`should throw ${code}`);
}

describe('storage.database (SQLite or PostgreSQL)', () => {
  const where = 'ipex.json: storage';
  let dir: string;
  before(() => { dir = mkdtempSync(join(tmpdir(), 'ipex-dbset-')); });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('is SQLite in the data folder by default', () => {
    expect(parseConfig({ office: { code: 'EP', name: 'EPO' } }, dir).storage.database).to.deep.equal({ engine: 'sqlite' });
    expect(databaseSettings({ database: 'sqlite' }, dir, where)).to.deep.equal({ engine: 'sqlite' });
  });

  it('reads a postgres:// URL with the password from a file beside ipex.json', () => {
    writeFileSync(join(dir, 'pg-password'), 's3cret\n');
    const s = databaseSettings({ database: 'postgres://ipex@db.example:6543/ipex_ep', databasePasswordFile: 'pg-password' }, dir, where);
    expect(s).to.include({ engine: 'postgres', host: 'db.example', port: 6543, database: 'ipex_ep', user: 'ipex', ssl: 'disable' });
    if (s.engine !== 'postgres') throw new Error('unreachable');
    expect(postgresConnection(s)).to.include({ password: 's3cret', host: 'db.example', port: 6543 });
  });

  it('reads the password from the named environment variable, and says when it is not set', () => {
    const s = databaseSettings({ database: 'postgres://ipex@127.0.0.1/ipex?sslmode=verify-full', databasePasswordEnv: 'IPEX_TEST_PG_PASSWORD' }, dir, where);
    if (s.engine !== 'postgres') throw new Error('unreachable');
    delete process.env.IPEX_TEST_PG_PASSWORD;
    expectCode(() => postgresConnection(s), 'CONFIG_INVALID', /IPEX_TEST_PG_PASSWORD/);
    process.env.IPEX_TEST_PG_PASSWORD = 'pw';
    try {
      expect(postgresConnection(s)).to.deep.include({ password: 'pw', port: 5432, ssl: { rejectUnauthorized: true } });
    } finally {
      delete process.env.IPEX_TEST_PG_PASSWORD;
    }
  });

  it('refuses a password in the URL, a URL without user or database, unknown parameters and a missing password file', () => {
    expectCode(() => databaseSettings({ database: 'postgres://ipex:pw@h/db' }, dir, where), 'CONFIG_INVALID', /must not hold a password/);
    expectCode(() => databaseSettings({ database: 'postgres://h/db' }, dir, where), 'CONFIG_INVALID', /name the user/);
    expectCode(() => databaseSettings({ database: 'postgres://u@h/' }, dir, where), 'CONFIG_INVALID', /name the user/);
    expectCode(() => databaseSettings({ database: 'mysql://u@h/db' }, dir, where), 'CONFIG_INVALID', /storage.database/);
    expectCode(() => databaseSettings({ database: 'postgres://u@h/db?application_name=x' }, dir, where), 'CONFIG_INVALID', /unknown parameter/);
    expectCode(() => databaseSettings({ databasePasswordEnv: 'X' }, dir, where), 'CONFIG_INVALID', /postgres:\/\/ URL/);
    const s = databaseSettings({ database: 'postgres://u@h/db', databasePasswordFile: 'missing' }, dir, where);
    if (s.engine !== 'postgres') throw new Error('unreachable');
    expectCode(() => postgresConnection(s), 'CONFIG_INVALID', /missing.*ENOENT/);
  });
});
