/** A sample ipex-directory/1 built from the certificate fixtures, for directory and trust tests. */
import type { Fixtures } from '../../../certs/fixtures.js';
import { crlSummary, type Directory } from '../../../protocol/directory/index.js';

const sha = async (c: { certificate: { getThumbprint(alg: string): Promise<ArrayBuffer> } }): Promise<string> =>
  Buffer.from(await c.certificate.getThumbprint('SHA-256')).toString('hex');

export const LOG_KEY = 'ep.example+01234567+AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA=';

export async function sampleDirectory(f: Fixtures, now: Date, serial = 1): Promise<Directory> {
  const cert = async (use: 'tls' | 'signing', c: Fixtures['good']['tls']) => ({
    use,
    sha256: await sha(c),
    serialNumber: c.certificate.serialNumber.toLowerCase(),
    notAfter: c.certificate.notAfter.toISOString().replace(/\.000Z$/, 'Z'),
    certificate: Buffer.from(c.certificate.rawData).toString('base64'),
  });
  return {
    format: 'ipex-directory/1',
    network: 'ipex-test',
    serial,
    issuedAt: new Date(now.getTime() - 3_600_000).toISOString(),
    expiresAt: new Date(now.getTime() + 7 * 86_400_000).toISOString(),
    crl: crlSummary(f.crlPem),
    offices: [
      {
        code: 'EP', name: 'European Patent Office', exchangeUrl: 'https://ep.example:8443',
        roles: ['depositing', 'accessing'], status: 'active',
        certificates: [await cert('tls', f.good.tls), await cert('signing', f.good.signing), await cert('signing', f.rsa2048)],
        logKey: LOG_KEY,
      },
      {
        code: 'JP', name: 'Japan Patent Office', exchangeUrl: 'https://jp.example/',
        roles: ['accessing'], status: 'active',
        certificates: [await cert('tls', f.goodJp.tls), await cert('signing', f.goodJp.signing)],
        logKey: 'jp.example+89abcdef+AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA=',
      },
    ],
  };
}
