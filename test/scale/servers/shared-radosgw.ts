/**
 * One radosgw for the whole `npm run test:scale` run: started by the first test file that asks
 * for it (≈ 12 s), stopped by the root hook at the end of the run (hooks.ts). Each test file
 * takes a bucket of its own, so that files never see each other's parts.
 */
import { randomBytes } from 'node:crypto';
import { startRadosgw, type Radosgw } from './radosgw.js';

let starting: Promise<Radosgw> | undefined;

export function sharedRadosgw(): Promise<Radosgw> {
  starting ??= startRadosgw();
  return starting;
}

/** A new, empty bucket on the shared server. */
export async function freshBucket(server: Radosgw, label: string): Promise<string> {
  const name = `ipex-${label}-${randomBytes(4).toString('hex')}`;
  await server.createBucket(name);
  return name;
}

export async function stopSharedRadosgw(): Promise<void> {
  if (starting === undefined) return;
  const server = await starting.catch(() => undefined);
  starting = undefined;
  await server?.stop();
}
