/**
 * The worker thread behind PgDatabase (pg-channel.ts): it owns the one `pg` connection of the
 * database object and runs each request the main thread sends, answering on the request port and
 * then writing the request's number into the shared flag and waking the main thread, which sleeps
 * in Atomics.wait meanwhile. Only this thread does I/O;
 * the main thread's services keep their synchronous database API (docs/architecture.md
 * "PostgreSQL").
 *
 * A request is a list of steps run in order on the connection; the answer is the result of the
 * last one. `lockFirst` wraps the steps in a transaction that first takes the node's write lock
 * (an autocommit write, which SQLite would also have serialised with every write transaction).
 */
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import pg from 'pg';
import type { ChannelRequest, ChannelAnswer, Numbered, PgFault, WorkerSetup } from './pg-protocol.js';

const setup = workerData as WorkerSetup;
const flag = new Int32Array(setup.flag);
const port = setup.port as MessagePort;

// BIGINT (COUNT(*), ids) and booleans come back as the numbers SQLite gives; bytea is a Buffer already.
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1700, (v) => Number(v));
pg.types.setTypeParser(16, (v) => (v === 't' ? 1 : 0));

let client: pg.Client | undefined;

async function handle(request: ChannelRequest): Promise<ChannelAnswer> {
  if (request.op === 'connect') {
    client = new pg.Client({ ...request.connection, application_name: 'ipex' });
    client.on('error', () => undefined); // a dropped connection fails the next query, which is answered
    await client.connect();
    return { ok: true, rows: [], rowCount: 0 };
  }
  if (request.op === 'close') {
    const closing = client;
    client = undefined;
    await closing?.end();
    return { ok: true, rows: [], rowCount: 0 };
  }
  if (client === undefined) throw Object.assign(new Error('the PostgreSQL connection is closed'), { code: '08003' });
  const c = client;
  if (request.lockFirst !== undefined) {
    await c.query(`BEGIN; SELECT pg_advisory_xact_lock(${request.lockFirst})`);
    try {
      const answer = await runSteps(c, request.steps, request.answerStep);
      await c.query('COMMIT');
      return answer;
    } catch (err) {
      await c.query('ROLLBACK').catch(() => undefined);
      throw err;
    }
  }
  return runSteps(c, request.steps, request.answerStep);
}

async function runSteps(c: pg.Client, steps: ChannelRequest['steps'], answerStep = steps.length - 1): Promise<ChannelAnswer> {
  let kept: pg.QueryResult | pg.QueryResult[] | undefined;
  for (const [i, step] of steps.entries()) {
    const values = step.params === undefined ? undefined : [...step.params];
    const last = values === undefined ? await c.query(step.sql)
      : step.array === true ? await c.query({ text: step.sql, values, rowMode: 'array' }) : await c.query({ text: step.sql, values });
    if (i === answerStep) kept = last;
  }
  const result = Array.isArray(kept) ? (kept.at(-1) as pg.QueryResult) : kept;
  return { ok: true, rows: result?.rows ?? [], rowCount: result?.rowCount ?? 0 };
}

function fault(err: unknown): PgFault {
  const e = err as Error & { code?: string; detail?: string; constraint?: string; table?: string };
  return { message: e.message, ...(e.code === undefined ? {} : { code: e.code }), ...(e.detail === undefined ? {} : { detail: e.detail }) };
}

port.on('message', (request: Numbered<ChannelRequest>) => {
  handle(request).then((answer) => answer, (err: unknown): ChannelAnswer => ({ ok: false, fault: fault(err) })).then((answer) => {
    // The answer first, then its number: the main thread takes the answer once it sees the number.
    port.postMessage({ ...answer, seq: request.seq } satisfies Numbered<ChannelAnswer>);
    Atomics.store(flag, 0, request.seq);
    Atomics.notify(flag, 0);
  });
});
parentPort?.postMessage('ready');
