/**
 * A receiving SMTP server for the tests (issue 12): `smtp-server`, the nodemailer project's, on
 * loopback, keeping every message it takes parsed by `mailparser` with the envelope's recipients
 * — never a mocked transport. By default plain SMTP without authentication; with `tls`, implicit
 * TLS (port-465 style) with that key and certificate; with `auth`, AUTH PLAIN/LOGIN required and
 * only that user and password taken.
 */
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface Received { readonly to: string[]; readonly mail: ParsedMail; readonly user?: string }

export interface SmtpReceiverOptions {
  readonly tls?: { readonly key: string; readonly cert: string };
  readonly auth?: { readonly user: string; readonly password: string };
}

export class SmtpReceiver {
  private constructor(readonly server: SMTPServer, readonly port: number, readonly received: Received[]) {}

  static async start(options: SmtpReceiverOptions = {}): Promise<SmtpReceiver> {
    const received: Received[] = [];
    const { auth, tls } = options;
    const server = new SMTPServer({
      logger: false,
      ...(tls === undefined ? {} : { secure: true, key: tls.key, cert: tls.cert }),
      ...(auth === undefined
        ? { authOptional: true, disabledCommands: tls === undefined ? ['STARTTLS', 'AUTH'] : ['AUTH'] }
        : {
          authOptional: false, authMethods: ['PLAIN', 'LOGIN'], allowInsecureAuth: tls === undefined,
          ...(tls === undefined ? { disabledCommands: ['STARTTLS'] } : {}),
          onAuth(login, _session, done) {
            if (login.username === auth.user && login.password === auth.password) done(null, { user: login.username });
            else done(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
          },
        }),
      onData(stream, session, done) {
        simpleParser(stream).then((mail) => {
          const user = typeof session.user === 'string' ? session.user : undefined;
          received.push({ to: session.envelope.rcptTo.map((r) => r.address), mail, ...(user === undefined ? {} : { user }) });
          done();
        }, done);
      },
    });
    // A client that gives up during the TLS handshake (it does not trust the certificate) is an
    // 'error' of the server; unheard, it would end the test process.
    server.on('error', () => undefined);
    server.listen(0, '127.0.0.1');
    await once(server.server, 'listening');
    return new SmtpReceiver(server, (server.server.address() as AddressInfo).port, received);
  }

  async close(): Promise<void> {
    if (!this.server.server.listening) return;
    const closed = once(this.server.server, 'close');
    this.server.close();
    await closed;
  }
}
