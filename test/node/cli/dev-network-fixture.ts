/** Reading a development network folder in the tests of `ipex start` and dev-network.ts. */
import { readFileSync } from 'node:fs';
import { networkPaths } from '../../../certs/network/network-folder.js';

/** The office codes of the directory last published in a network folder (read, not verified). */
export function published(networkDir: string): string[] {
  const jws = readFileSync(networkPaths(networkDir).directoryJws, 'utf8');
  const payload = JSON.parse(Buffer.from(jws.split('.')[1]!, 'base64url').toString('utf8')) as { offices: { code: string }[] };
  return payload.offices.map((o) => o.code);
}
