/**
 * A separate process that appends audit entries to a PostgreSQL node database, for the contract
 * test of concurrent appenders: argv[2] is the connection (JSON), argv[3] the number of entries,
 * argv[4] the log key (PKCS#8 PEM). Prints the indexes it was given, as JSON.
 */
import { createPrivateKey } from 'node:crypto';
import { systemClock } from '../../../protocol/runtime/clock.js';
import { AuditLog } from '../../../node/services/audit/index.js';
import { PgDatabase } from '../../../node/storage/postgres/pg-database.js';

const [connection, count, pem] = process.argv.slice(2) as [string, string, string];
const db = PgDatabase.connect(JSON.parse(connection), 'contract');
const log = new AuditLog({ db, clock: systemClock, office: 'EP', signer: { name: 'ipex/audit/EP', privateKey: createPrivateKey(pem) }, checkpointDelayMs: 60_000 });
const indexes: number[] = [];
for (let i = 0; i < Number(count); i++) {
  indexes.push(await log.append({ type: 'admin.token-created', actor: { kind: 'node' }, outcome: 'ok', details: { tokenId: i, role: 'clerk', label: `p${process.pid}` } }));
}
await log.close();
db.close();
process.stdout.write(JSON.stringify(indexes));
