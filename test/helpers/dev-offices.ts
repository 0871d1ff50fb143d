/**
 * Lists further offices in the signed directory of a development node (its network folder,
 * then the node's installed directory), as a network operator would with `ipex network
 * add-office` and `publish`: access policies may name only offices of the directory (issue 10,
 * item 11), so tests that allow JP or US on a lone EP node add them first.
 */
import { addOffice, publish } from '../../certs/network/index.js';
import { devNetworkOf, syncDevDirectory } from '../../node/cli/dev-network.js';
import { systemClock } from '../../protocol/runtime/clock.js';

export async function listDevOffices(dataDir: string, codes: readonly string[]): Promise<void> {
  const networkDir = devNetworkOf(dataDir);
  if (networkDir === undefined) throw new Error(`${dataDir} is not a development node`);
  const ctx = { dir: networkDir, now: systemClock.now() };
  for (const [i, code] of codes.entries()) {
    await addOffice(ctx, { code, name: `${code} test office`, exchangeUrl: `https://127.0.0.1:${19_000 + i}`, dnsNames: ['localhost'], ipAddresses: ['127.0.0.1'] });
  }
  await publish(ctx, 30);
  await syncDevDirectory(dataDir, networkDir, systemClock);
}
