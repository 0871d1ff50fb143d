/**
 * A separate process that adds one witness's cosignature line to each of the given checkpoints of
 * a PostgreSQL node database, for the contract test of concurrent cosigners: argv[2] is the
 * connection (JSON), argv[3] the witness's name, argv[4] the checkpoint sizes (JSON), argv[5] the
 * time (ms since 1970) to begin at, so that two such processes run at once. The lines are
 * well-formed signature lines; what is tested is that none is lost, not their signatures.
 */
import { createHash, generateKeyPairSync } from 'node:crypto';
import { systemClock } from '../../../protocol/runtime/clock.js';
import { Checkpointer } from '../../../node/services/audit/checkpointer.js';
import { TreeStore } from '../../../node/services/audit/tree-store.js';
import { PgDatabase } from '../../../node/storage/postgres/pg-database.js';

const [connection, witness, sizes, startAt] = process.argv.slice(2) as [string, string, string, string];
const db = PgDatabase.connect(JSON.parse(connection), 'contract');
const checkpoints = new Checkpointer({ db, tree: new TreeStore(db), clock: systemClock, signer: { name: 'ipex/audit/EP', privateKey: generateKeyPairSync('ed25519').privateKey } });
await new Promise((resolve) => setTimeout(resolve, Math.max(0, Number(startAt) - Date.now())));
for (const size of JSON.parse(sizes) as number[]) {
  const signature = createHash('sha512').update(`${witness} ${size}`).digest().subarray(0, 68).toString('base64');
  checkpoints.addSignatureLines(size, [`\u2014 ${witness} ${signature}`]);
}
checkpoints.close();
db.close();
