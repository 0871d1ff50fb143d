/**
 * The demo's loopback SMTP receiver (issue 12): a real SMTP server (`smtp-server`, the nodemailer
 * project's) on 127.0.0.1 that keeps every message an office's node sends, so that the demo can
 * print what the applicant received and the smoke run can check it. `configureEmail` points an
 * office's `notifications.email` at it (plain SMTP, allowed for a loopback server only) and makes
 * the outbox retry within seconds.
 */
import { once } from 'node:events';
import { readFileSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  readonly to: readonly string[];
  readonly subject: string;
  readonly text: string;
}

export class MailReceiver {
  readonly received: ReceivedMail[] = [];
  private constructor(private readonly server: SMTPServer, readonly port: number) {}

  static async start(): Promise<MailReceiver> {
    const received: ReceivedMail[] = [];
    const server = new SMTPServer({
      authOptional: true, disabledCommands: ['STARTTLS', 'AUTH'], logger: false,
      onData(stream, session, done) {
        simpleParser(stream).then((mail) => {
          received.push({ to: session.envelope.rcptTo.map((r) => r.address), subject: mail.subject ?? '', text: mail.text ?? '' });
          done();
        }, done);
      },
    });
    server.listen(0, '127.0.0.1');
    await once(server.server, 'listening');
    const receiver = new MailReceiver(server, (server.server.address() as AddressInfo).port);
    (receiver as { received: ReceivedMail[] }).received = received;
    return receiver;
  }

  /** The messages to `address` once there are at least `count` of them, or what came within `timeoutMs`. */
  async waitFor(address: string, count: number, timeoutMs = 30_000, matching: (m: ReceivedMail) => boolean = () => true): Promise<ReceivedMail[]> {
    const deadline = Date.now() + timeoutMs;
    const mine = (): ReceivedMail[] => this.received.filter((m) => m.to.includes(address) && matching(m));
    while (mine().length < count && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    return mine();
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** Points `dataDir`'s node at the receiver for e-mail, staff at `staff`; quick outbox retries. */
export function configureEmail(dataDir: string, port: number, office: string, staff: string): void {
  const file = join(dataDir, 'ipex.json');
  const config = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  writeFileSync(file, JSON.stringify({
    ...config,
    notifications: {
      email: { host: '127.0.0.1', port, security: 'none', from: `${office} ipex <ipex@${office.toLowerCase()}.example>`, staff: [staff] },
      outbox: { retryBaseSeconds: 1, retryMaxMinutes: 1 },
    },
  }, null, 2));
}
