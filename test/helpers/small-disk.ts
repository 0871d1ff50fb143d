/**
 * A small file system of its own, for the tests of a full disk (issue 10, item 1): a tmpfs of a
 * few megabytes mounted on an empty folder, so that a node's data folder (or part of it) really
 * runs out of space — ENOSPC from the kernel, SQLITE_FULL from SQLite — without filling the
 * machine's disk. Mounting needs root (CI runs as root); elsewhere `mount` says why it cannot,
 * and the tests skip with that reason.
 */
import { execFileSync } from 'node:child_process';
import { closeSync, mkdirSync, openSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';

const FILLER = 'disk-filler.bin';

export class SmallDisk {
  private constructor(readonly dir: string) {}

  /** Mounts a tmpfs of `bytes` on `dir` (made if needed); a string says why it cannot be done. */
  static mount(dir: string, bytes: number): SmallDisk | string {
    if (process.getuid?.() !== 0) return 'mounting a small file system (tmpfs) needs root; CI runs these tests as root';
    mkdirSync(dir, { recursive: true });
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${bytes},mode=0700`, 'tmpfs', dir], { stdio: 'pipe' });
    } catch (err) {
      return `cannot mount a tmpfs on ${dir}: ${String((err as { stderr?: Buffer }).stderr ?? (err as Error).message).trim()}`;
    }
    return new SmallDisk(dir);
  }

  /** Takes every free byte with a filler file, down to the last page. */
  fill(): void {
    const fd = openSync(join(this.dir, FILLER), 'a');
    try {
      for (const size of [2 ** 20, 2 ** 16, 2 ** 12, 512, 1]) {
        const block = Buffer.alloc(size, 0x5a);
        try {
          for (;;) writeSync(fd, block);
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code !== 'ENOSPC') throw err;
        }
      }
    } finally {
      closeSync(fd);
    }
  }

  /** Gives the filler's space back. */
  free(): void {
    rmSync(join(this.dir, FILLER), { force: true });
  }

  /** Unmounts (lazily, so that a file still open does not keep it busy). */
  unmount(): void {
    execFileSync('umount', ['-l', this.dir], { stdio: 'pipe' });
  }
}
