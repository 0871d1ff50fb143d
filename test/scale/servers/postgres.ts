/**
 * A throwaway PostgreSQL 15 server for the scale tests: `initdb` in a temp folder owned by user
 * `postgres` (PostgreSQL refuses to run as root), `pg_ctl` on 127.0.0.1 and a port of its own,
 * SCRAM password authentication over TCP like a production server, and teardown that stops the
 * server and removes the folder. fsync is off: a test cluster, never a production setting.
 *
 * Start-up is about 1 s (initdb 0.75 s, start 0.15 s); each test database is a CREATE DATABASE.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const BIN = '/usr/lib/postgresql/15/bin';

export interface PostgresServer {
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly password: string;
  /** A new empty database; returns its postgres:// URL (without the password). */
  createDatabase(name?: string): string;
  /** Runs SQL as the superuser over the local socket (test set-up and inspection only). */
  psql(database: string, sql: string): string;
  stop(): void;
}

export async function startPostgres(): Promise<PostgresServer> {
  const dir = mkdtempSync(join(tmpdir(), 'ipex-pg-'));
  const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
  chownSync(dir, uid, gid);
  chmodSync(dir, 0o700);
  const password = randomBytes(12).toString('hex');
  const pwfile = join(dir, 'pwfile');
  writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
  chownSync(pwfile, uid, gid);
  const data = join(dir, 'data');
  const port = await freePort();
  const as = (cmd: string, args: string[]): string =>
    execFileSync('runuser', ['-u', 'postgres', '--', join(BIN, cmd), ...args], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] }).toString();
  as('initdb', ['-N', '-E', 'UTF8', '--locale=C.UTF-8', '--auth-local=trust', '--auth-host=scram-sha-256', `--pwfile=${pwfile}`, '-U', 'postgres', '-D', data]);
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`;
  as('pg_ctl', ['-w', '-D', data, '-l', join(dir, 'server.log'), '-o', options, 'start']);
  let stopped = false;
  const server: PostgresServer = {
    host: '127.0.0.1',
    port,
    user: 'postgres',
    password,
    createDatabase(name = `t_${randomBytes(6).toString('hex')}`) {
      as('createdb', ['-h', dir, '-p', String(port), name]);
      return `postgres://postgres@127.0.0.1:${port}/${name}`;
    },
    psql(database, sql) {
      return execFileSync('runuser', ['-u', 'postgres', '--', join(BIN, 'psql'), '-h', dir, '-p', String(port), '-d', database, '-At', '-v', 'ON_ERROR_STOP=1', '-c', sql],
        { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] }).toString();
    },
    stop() {
      if (stopped) return;
      stopped = true;
      try {
        as('pg_ctl', ['-D', data, '-m', 'immediate', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
  return server;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}
