/**
 * The private socket on which the portal's page handlers call the office API (docs/portal.md
 * "One back end"): a unix socket (a named pipe on Windows) that only this process listens on,
 * in a fresh folder of the system's temporary folder with mode 0700, serving the same office app
 * as the office listener. Requests on it are marked, so that the office API believes the
 * browser's address forwarded in X-Ipex-Client-Address there and nowhere else.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type RequestListener, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { markPortalRequest } from '../http/office/client-address.js';

export interface PortalSocket {
  readonly path: string;
  close(): Promise<void>;
}

export async function openPortalSocket(officeApp: RequestListener): Promise<PortalSocket> {
  const dir = process.platform === 'win32' ? '' : mkdtempSync(join(tmpdir(), 'ipex-portal-'));
  const path = process.platform === 'win32' ? `\\\\?\\pipe\\ipex-portal-${process.pid}-${Date.now()}` : join(dir, 'api.sock');
  const server: Server = createServer((req, res) => {
    markPortalRequest(req);
    officeApp(req, res);
  });
  server.requestTimeout = 0; // part uploads stream through for as long as they need
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(path, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    path,
    close: () => new Promise<void>((resolve) => {
      server.close(() => {
        if (dir !== '') rmSync(dir, { recursive: true, force: true });
        resolve();
      });
      server.closeAllConnections();
    }),
  };
}
