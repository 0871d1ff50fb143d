/**
 * A webhook receiver for the tests: a real HTTP server on loopback that keeps every delivery
 * (raw body and headers) and answers what the test says — 200, an error status (with headers such
 * as Retry-After), or nothing at
 * all (the request is held open, as a receiver that hangs).
 */
import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Delivery {
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

export type Answer = number | 'hold';

export class WebhookReceiver {
  readonly deliveries: Delivery[] = [];
  /** The answer to the next deliveries; `hold` never answers. */
  answer: Answer = 200;
  /** Headers of the next answers (a `Retry-After`). */
  answerHeaders: Record<string, string> = {};
  readonly #held: ServerResponse[] = [];
  readonly #waiters: (() => void)[] = [];

  private constructor(private readonly server: ReturnType<typeof createServer>, readonly url: string) {}

  static async start(): Promise<WebhookReceiver> {
    let receiver: WebhookReceiver | undefined;
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => receiver!.#take({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') }, res));
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    receiver = new WebhookReceiver(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}/ipex-events`);
    return receiver;
  }

  /** Resolves once `count` deliveries have arrived (or rejects after `withinMs`). */
  async waitFor(count: number, withinMs = 20_000): Promise<Delivery[]> {
    const deadline = Date.now() + withinMs;
    while (this.deliveries.length < count) {
      if (Date.now() > deadline) throw new Error(`only ${this.deliveries.length} of ${count} webhook deliveries arrived`);
      await new Promise<void>((resolve) => {
        this.#waiters.push(resolve);
        setTimeout(resolve, 200).unref();
      });
    }
    return this.deliveries;
  }

  async close(): Promise<void> {
    for (const res of this.#held) res.destroy();
    this.server.closeAllConnections();
    this.server.close();
    await once(this.server, 'close').catch(() => undefined);
  }

  #take(delivery: Delivery, res: ServerResponse): void {
    this.deliveries.push(delivery);
    for (const wake of this.#waiters.splice(0)) wake();
    if (this.answer === 'hold') {
      this.#held.push(res);
      return;
    }
    res.writeHead(this.answer, { 'content-type': 'text/plain', ...this.answerHeaders }).end('ok');
  }
}
