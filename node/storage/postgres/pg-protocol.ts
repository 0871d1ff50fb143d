/**
 * The messages between PgDatabase on the main thread and its worker (pg-worker.ts).
 */
import type { MessagePort } from 'node:worker_threads';

/** How to reach the server; the password is read from a file or the environment, never ipex.json. */
export interface PgConnection {
  readonly host: string;
  readonly port: number;
  readonly database: string;
  readonly user: string;
  readonly password?: string;
  readonly connectionTimeoutMillis?: number;
  /** TLS to the server: `rejectUnauthorized` for sslmode=verify-full. */
  readonly ssl?: { readonly rejectUnauthorized: boolean };
}

export interface WorkerSetup {
  /** SharedArrayBuffer of one Int32: the number of the last request whose answer is posted (0: none yet). */
  readonly flag: SharedArrayBuffer;
  readonly port: MessagePort;
}

export interface Step {
  readonly sql: string;
  /** Absent: a simple query (several statements allowed, no parameters). */
  readonly params?: readonly unknown[];
  readonly array?: boolean;
}

export type ChannelRequest =
  | { readonly op: 'connect'; readonly connection: PgConnection; readonly steps: readonly Step[]; readonly lockFirst?: undefined }
  | { readonly op: 'close'; readonly steps: readonly Step[]; readonly lockFirst?: undefined }
  | {
    readonly op: 'query';
    readonly steps: readonly Step[];
    readonly lockFirst?: number;
    /** Answer with the result of this step (default: the last one). */
    readonly answerStep?: number;
  };

export interface PgFault {
  readonly message: string;
  /** SQLSTATE, when the server answered; a Node error code (ECONNREFUSED) when it did not. */
  readonly code?: string;
  readonly detail?: string;
}

export type ChannelAnswer =
  | { readonly ok: true; readonly rows: readonly unknown[]; readonly rowCount: number }
  | { readonly ok: false; readonly fault: PgFault };

/** A request or an answer on the port, numbered so that an answer is matched to its request (pg-channel.ts). */
export type Numbered<T> = T & { readonly seq: number };
