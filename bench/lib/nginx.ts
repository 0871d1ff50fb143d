/**
 * The nginx baseline (issue 5): nginx from Debian's packages (installed with apt-get when
 * missing), on loopback only, serving one file over mutual TLS 1.3 with the same certificates
 * as the node (EP's TLS certificate and key, the network root for client certificates), with
 * keep-alive. Its own prefix folder under bench/tmp; it runs in the foreground as our child
 * and is stopped by its pid.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { track } from './children.js';
import type { OfficeIdentity } from '../../node/identity/office-identity.js';

export const NGINX = '/usr/sbin/nginx';

/** Makes sure nginx is installed; returns a reason when it cannot be. */
export function ensureNginx(log: (line: string) => void): string | undefined {
  if (existsSync(NGINX)) return undefined;
  log('nginx is missing: installing nginx-light from the Debian packages (apt-get)');
  try {
    execFileSync('apt-get', ['install', '-y', 'nginx-light'], { stdio: 'ignore', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  } catch (err) {
    return `could not install nginx with apt-get (${(err as Error).message.split('\n')[0]}); install nginx-light and run again`;
  }
  return existsSync(NGINX) ? undefined : 'apt-get ran but /usr/sbin/nginx is still missing';
}

export interface NginxServer {
  readonly port: number;
  stop(): Promise<void>;
}

/**
 * Starts nginx serving `docRoot` on 127.0.0.1:`port` over mutual TLS with `server`'s TLS
 * identity. `workers` defaults to "auto" (one per core), nginx's packaged default.
 */
export async function startNginx(prefix: string, docRoot: string, port: number, server: OfficeIdentity, workers: number | 'auto' = 'auto'): Promise<NginxServer> {
  mkdirSync(join(prefix, 'logs'), { recursive: true });
  mkdirSync(join(prefix, 'tmp'), { recursive: true });
  writeFileSync(join(prefix, 'server.pem'), server.tls.certificatePem);
  writeFileSync(join(prefix, 'server.key'), server.tls.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string, { mode: 0o600 });
  writeFileSync(join(prefix, 'root.pem'), server.rootPem);
  const conf = `
worker_processes ${workers};
daemon off;
master_process on;
pid ${join(prefix, 'nginx.pid')};
error_log ${join(prefix, 'logs', 'error.log')} warn;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  keepalive_timeout 65;
  client_body_temp_path ${join(prefix, 'tmp')};
  proxy_temp_path ${join(prefix, 'tmp')};
  fastcgi_temp_path ${join(prefix, 'tmp')};
  uwsgi_temp_path ${join(prefix, 'tmp')};
  scgi_temp_path ${join(prefix, 'tmp')};
  types { application/pdf pdf; }
  server {
    listen 127.0.0.1:${port} ssl;
    ssl_protocols TLSv1.3;
    ssl_certificate ${join(prefix, 'server.pem')};
    ssl_certificate_key ${join(prefix, 'server.key')};
    ssl_client_certificate ${join(prefix, 'root.pem')};
    ssl_verify_client on;
    ssl_session_cache shared:SSL:1m;
    root ${docRoot};
  }
}
`;
  const confPath = join(prefix, 'nginx.conf');
  writeFileSync(confPath, conf);
  const child: ChildProcess = spawn(NGINX, ['-p', prefix, '-c', confPath], { stdio: ['ignore', 'ignore', 'pipe'] });
  track(child);
  let stderr = '';
  child.stderr?.on('data', (c: Buffer) => { stderr += c.toString('utf8'); });
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  await waitForPort(port, 10_000, () => (child.exitCode !== null ? `nginx exited: ${stderr}` : undefined));
  return {
    port,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGQUIT');
      const killer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(killer);
    },
  };
}

async function waitForPort(port: number, timeoutMs: number, failed: () => string | undefined): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const why = failed();
    if (why !== undefined) throw new Error(why);
    const open = await new Promise<boolean>((done) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => { socket.destroy(); done(true); });
      socket.once('error', () => done(false));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`nginx did not listen on port ${port} within ${timeoutMs} ms`);
}
