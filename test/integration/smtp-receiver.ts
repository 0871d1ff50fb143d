/**
 * A receiving SMTP server for the tests (issue 12): `smtp-server`, the nodemailer project's, on
 * loopback, plain SMTP without authentication, keeping every message it takes parsed by
 * `mailparser` with the envelope's recipients — never a mocked transport.
 */
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface Received { readonly to: string[]; readonly mail: ParsedMail }

export class SmtpReceiver {
  private constructor(readonly server: SMTPServer, readonly port: number, readonly received: Received[]) {}

  static async start(): Promise<SmtpReceiver> {
    const received: Received[] = [];
    const server = new SMTPServer({
      authOptional: true, disabledCommands: ['STARTTLS', 'AUTH'], logger: false,
      onData(stream, session, done) {
        simpleParser(stream).then((mail) => {
          received.push({ to: session.envelope.rcptTo.map((r) => r.address), mail });
          done();
        }, done);
      },
    });
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
