/**
 * Asynchronous, coalesced fsync of a folder or file (docs/design.md §8, issue 5). A rename into a
 * folder, or a new sub-folder, survives a power cut only once the folder itself is fsynced; a
 * WAL commit made with synchronous = NORMAL only once the WAL file is. Doing that with
 * `fsyncSync` blocked the event loop for every stored part and every commit; here the fsync
 * runs on libuv's thread pool, and callers that ask for the same path while an fsync of it is
 * under way share the NEXT one: each caller is answered only by an fsync that started after it
 * asked, so everything it wrote before asking is covered, and a burst of N requests for one
 * path costs at most two fsyncs.
 */
import { closeSync, openSync } from 'node:fs';
import { fsyncFd } from './fd-io.js';

interface Waiter {
  readonly resolve: () => void;
  readonly reject: (err: unknown) => void;
}

interface PathState {
  /** True while an fsync of the path is under way. */
  running: boolean;
  /** Callers waiting for the fsync after the running one (or for the first one). */
  next: Waiter[] | undefined;
}

export class FsyncCoalescer {
  readonly #paths = new Map<string, PathState>();
  readonly #fsync: (path: string) => Promise<void>;

  /** `fsync` is the operation to coalesce (fsyncPath; injectable for tests). */
  constructor(fsync: (path: string) => Promise<void> = fsyncPath) {
    this.#fsync = fsync;
  }

  /** Resolves after an fsync of `path` that started after this call has completed. */
  sync(path: string): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      let state = this.#paths.get(path);
      if (state === undefined) {
        state = { running: false, next: undefined };
        this.#paths.set(path, state);
      }
      (state.next ??= []).push({ resolve, reject });
      if (!state.running) this.#start(path, state);
    });
  }

  #start(path: string, state: PathState): void {
    const round = state.next ?? [];
    state.next = undefined;
    state.running = true;
    this.#fsync(path).then(
      () => { for (const w of round) w.resolve(); },
      (err: unknown) => { for (const w of round) w.reject(err); },
    ).finally(() => {
      state.running = false;
      if (state.next !== undefined) this.#start(path, state);
      else this.#paths.delete(path);
    });
  }
}

/**
 * fsyncs one folder or file: the fsync on the thread pool, open and close synchronously (see
 * fd-io.ts). Any descriptor of an inode flushes it.
 */
export async function fsyncPath(path: string): Promise<void> {
  const fd = openSync(path, 'r');
  try {
    await fsyncFd(fd);
  } finally {
    closeSync(fd);
  }
}
