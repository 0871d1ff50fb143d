/**
 * A real node with `storage.database` on PostgreSQL: it starts, migrates, deposits and serves a
 * peer's retrieval over the exchange API; a server it cannot reach, or a database that is not
 * the data folder's, stops it with a clear code naming what to fix.
 */
import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { dataPaths } from '../../../node/config/data-dir.js';
import { openNodeDatabase } from '../../../node/storage/open-node-database.js';
import { isIpexError } from '../../../protocol/errors/index.js';
import { depositServiceFor } from '../../../node/services/deposit/deposit-service.js';
import { IdempotencyKeys } from '../../../node/services/deposit/idempotency-keys.js';
import { startExchangeNetwork, type ExchangeNetwork } from '../../node/http/exchange-peer-fixture.js';
import { startPostgres, type PostgresServer } from '../servers/postgres.js';

describe('a node on PostgreSQL', function () {
  let server: PostgresServer;
  let net: ExchangeNetwork;
  let url: string;

  before(async () => {
    server = await startPostgres();
    url = server.createDatabase();
    process.env.IPEX_TEST_PG_PASSWORD = server.password;
    net = await startExchangeNetwork({ epConfig: { storage: { database: url, databasePasswordEnv: 'IPEX_TEST_PG_PASSWORD' } } });
  });
  after(async () => {
    await net?.close();
    server?.stop();
    delete process.env.IPEX_TEST_PG_PASSWORD;
  });

  it('keeps its deposits and grants in PostgreSQL and serves a retrieval', async () => {
    const deposit = await net.depositPriority({ application: 'EP 23 200 001.8' });
    const res = await net.send('POST', '/exchange/v1/retrievals', {
      json: { ipOfficeCode: 'EP', applicationNumberText: '23200001', filingDate: '2023-05-01', ipRightType: 'patent', accessCode: deposit.accessCode, requestId: randomUUID() },
    });
    expect(res.status).to.equal(200);
    const database = new URL(url).pathname.slice(1);
    expect(server.psql(database, `SELECT count(*) FROM retrieval_grants WHERE document_id = '${deposit.documentId}'`).trim()).to.equal('1');
    expect(Number(server.psql(database, 'SELECT count(*) FROM audit_entries').trim())).to.be.greaterThan(2);
    const marker = JSON.parse(readFileSync(dataPaths(net.ep.context.config.dataDir).databaseMarker, 'utf8')) as { databaseId: string };
    expect(server.psql(database, "SELECT value FROM node_meta WHERE key = 'database_id'").trim()).to.equal(marker.databaseId);
  });

  it('keeps idempotency keys in PostgreSQL: replays the sealed answer, refuses another request and a second in flight (issue 15)', async () => {
    const keys = new IdempotencyKeys(depositServiceFor(net.ep.context).deps);
    const request = { method: 'POST', path: '/api/v1/deposits/x/commit', body: undefined };
    let runs = 0;
    let release: () => void = () => undefined;
    const first = keys.run('pg-idempotency-1', request, async () => {
      runs++;
      await new Promise<void>((r) => { release = r; });
      return { status: 201, location: '/api/v1/documents/EP-PD-1-ABCDEFGH', body: { accessCode: 'ABCD-EFGH-JKMN-PQ' } };
    });
    await new Promise((r) => setTimeout(r, 100));
    const busy = await keys.run('pg-idempotency-1', request, async () => ({ status: 500, body: {} })).catch((err: unknown) => err);
    expect(isIpexError(busy, 'IDEMPOTENCY_KEY_IN_USE'), String(busy)).to.equal(true);
    release();
    expect(await first).to.deep.include({ status: 201, replayed: false });
    const again = await keys.run('pg-idempotency-1', request, async () => ({ status: 500, body: {} }));
    expect(again).to.deep.equal({ status: 201, location: '/api/v1/documents/EP-PD-1-ABCDEFGH', body: { accessCode: 'ABCD-EFGH-JKMN-PQ' }, replayed: true });
    expect(runs).to.equal(1);
    const other = await keys.run('pg-idempotency-1', { ...request, body: { x: 1 } }, async () => ({ status: 201, body: {} })).catch((err: unknown) => err);
    expect(isIpexError(other, 'IDEMPOTENCY_KEY_MISMATCH'), String(other)).to.equal(true);
    const database = new URL(url).pathname.slice(1);
    expect(server.psql(database, "SELECT state FROM idempotency_keys").trim()).to.equal('done');
    expect(server.psql(database, "SELECT position(convert_to('ABCD-EFGH', 'UTF8') in response) FROM idempotency_keys").trim()).to.equal('0');
  });

  it('refuses a server it cannot reach with DATABASE_UNAVAILABLE naming host and database, and another database with DATABASE_MISSING', () => {
    const dataDir = net.ep.context.config.dataDir;
    const configPath = dataPaths(dataDir).config;
    const original = readFileSync(configPath, 'utf8');
    const config = JSON.parse(original) as Record<string, unknown>;
    const attempt = (storage: Record<string, unknown>): string => {
      writeFileSync(configPath, JSON.stringify({ ...config, storage }));
      try {
        openNodeDatabase(dataDir).db.close();
        return 'opened';
      } catch (err) {
        return isIpexError(err) ? `${err.code}: ${err.message}` : String(err);
      } finally {
        writeFileSync(configPath, original);
      }
    };
    const closedPort = `postgres://postgres@127.0.0.1:1/nowhere`;
    expect(attempt({ database: closedPort, databasePasswordEnv: 'IPEX_TEST_PG_PASSWORD' })).to.match(/^DATABASE_UNAVAILABLE: cannot connect to PostgreSQL database nowhere on 127\.0\.0\.1:1/);
    const other = server.createDatabase();
    expect(attempt({ database: other, databasePasswordEnv: 'IPEX_TEST_PG_PASSWORD' })).to.match(/^DATABASE_MISSING: .*holds no database of this node/);
    expect(attempt({ database: url.replace('postgres@', 'postgres:secret@') })).to.match(/^CONFIG_INVALID: .*must not hold a password/);
  });
});
