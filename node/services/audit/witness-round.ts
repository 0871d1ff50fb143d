/**
 * Witnessing, driven by the node (docs/design.md §7; C2SP tlog-witness and tlog-cosignature): after
 * new checkpoints, the node asks every other active office in the directory to cosign its newest
 * one, sending a consistency proof from the size that office last cosigned. A witness answers
 * 409 with the size it has on record when ours was stale; the node retries once from that size.
 * Cosignature lines are checked against the witness's log key from the directory before they
 * are kept on the stored note, so `GET /log/checkpoint` and the audit bundle carry them.
 *
 * A peer that is down is tried again next round; the first failure of a peer in a row is
 * printed, repeats are not, so a node that is offline for a day does not flood the log. A witness
 * that finds our checkpoint inconsistent (422 WITNESS_INCONSISTENT) raises a `witness.inconsistent`
 * staff alert.
 */
import { IpexError } from '../../../protocol/errors/index.js';
import type { ExchangeClient } from '../../../protocol/exchange-client/index.js';
import { PeerError } from '../../../protocol/exchange-client/index.js';
import type { DirectoryOffice } from '../../../protocol/directory/index.js';
import type { NodeContext } from '../../runtime/node-context.js';
import { exchangeBase } from '../retrieval/peer-links.js';
import { staffAlertsFor } from '../staff/staff-alerts.js';
import { NO_ANSWER, peerOutagesFor } from '../peers/peer-outages.js';
import { attachCosignature, buildAddCheckpointRequest, lastCosignedSize } from './witness-client.js';

export interface WitnessRoundOptions {
  /** How to reach peers (a signed exchange client). */
  readonly client: () => ExchangeClient;
  /** Time between rounds; default one minute. */
  readonly intervalMs?: number;
}

export interface CosignResult {
  readonly witness: string;
  readonly size: number;
  readonly outcome: 'cosigned' | 'already' | 'failed';
  readonly code?: string;
}

export class WitnessRound {
  readonly #context: NodeContext;
  readonly #options: WitnessRoundOptions;
  readonly #failing = new Set<string>();
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<CosignResult[]> | undefined;
  #stopped = false;

  constructor(context: NodeContext, options: WitnessRoundOptions) {
    this.#context = context;
    this.#options = options;
  }

  /** Runs a round now and then every interval, until stop(). */
  start(): void {
    // A round that fails unexpectedly is said and the next one is still scheduled: the loop
    // never ends the process. After stop() no round is scheduled, even by one that was running.
    const next = (): void => {
      if (this.#stopped) return;
      this.#timer = setTimeout(() => void this.#loopRound().then(next), this.#options.intervalMs ?? 60_000);
      this.#timer.unref();
    };
    void this.#loopRound().then(next);
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    await this.#running?.catch(() => undefined);
  }

  async #loopRound(): Promise<void> {
    try {
      await this.run();
    } catch (err) {
      this.#context.output.warn(`a witnessing round failed: ${(err as Error).message}`);
    }
  }

  /** One round: asks each witness that has not cosigned our newest checkpoint (none once stopped). */
  run(): Promise<CosignResult[]> {
    if (this.#stopped) return Promise.resolve([]);
    this.#running ??= this.#round().finally(() => {
      this.#running = undefined;
    });
    return this.#running;
  }

  async #round(): Promise<CosignResult[]> {
    const { audit, trust, identity, output } = this.#context;
    await audit.flush();
    const latest = audit.latestCheckpoint();
    if (latest.size === 0) return [];
    let offices: readonly DirectoryOffice[];
    try {
      offices = (await trust.refresh()).directory.offices;
    } catch {
      return []; // no usable directory: nobody to ask, and start-up already said why
    }
    const results: CosignResult[] = [];
    const client = this.#options.client();
    const contacts = peerOutagesFor(this.#context);
    try {
      for (const office of offices) {
        if (office.code === identity.code || office.status !== 'active') continue;
        const peer = { code: office.code, logKey: office.logKey };
        if (lastCosignedSize(audit, peer) === latest.size) {
          results.push({ witness: office.code, size: latest.size, outcome: 'already' });
          continue;
        }
        try {
          const size = await this.#ask(client, office, peer);
          contacts.reached(office.code);
          this.#failing.delete(office.code);
          results.push({ witness: office.code, size, outcome: 'cosigned' });
        } catch (err) {
          const code = err instanceof IpexError ? err.code : 'INTERNAL';
          if (code === 'WITNESS_INCONSISTENT') this.#reportInconsistent(office.code, latest.size, err as Error);
          if (NO_ANSWER.has(code)) contacts.failed(office.code, code);
          else if (err instanceof PeerError) contacts.reached(office.code);
          if (!this.#failing.has(office.code)) output.warn(`witness ${office.code} did not cosign checkpoint ${latest.size}: ${(err as Error).message}`);
          this.#failing.add(office.code);
          results.push({ witness: office.code, size: latest.size, outcome: 'failed', code });
        }
      }
    } finally {
      client.close();
    }
    return results;
  }

  /**
   * A witness found our checkpoint inconsistent with one it cosigned: our log is not the history
   * we showed it (a restore from an old backup, or tampering). Staff must know at once.
   */
  #reportInconsistent(witness: string, size: number, err: Error): void {
    staffAlertsFor(this.#context).raise({
      kind: 'witness.inconsistent', subject: `witness ${witness} of this log`,
      detail: `ALERT: witness ${witness} refused checkpoint ${size} of this node's audit log as inconsistent with one it cosigned before (${err.message}). ` +
        'This log no longer extends the history that office saw: run `ipex audit verify`, and tell the network operator (docs/auditing.md "Witnesses")',
    });
  }

  async #ask(client: ExchangeClient, office: DirectoryOffice, peer: { code: string; logKey: string }, oldSize?: number): Promise<number> {
    const { audit } = this.#context;
    const request = buildAddCheckpointRequest(audit, peer, oldSize);
    const url = `${exchangeBase(office.exchangeUrl)}/witness/add-checkpoint`;
    try {
      const res = await client.request({ method: 'POST', url, text: request.body, accept: 'text/plain, application/problem+json' });
      attachCosignature(audit, peer, request.size, res.body.toString('utf8'));
      return request.size;
    } catch (err) {
      const known = err instanceof PeerError && err.peerStatus === 409 && oldSize === undefined ? knownSize(err.body) : undefined;
      if (known === undefined || known > request.size) throw err;
      return this.#ask(client, office, peer, known); // the witness holds an older (or newer) size of ours
    }
  }
}

/** The size a witness has on record, from its 409 `text/x.tlog.size` answer. */
function knownSize(body: Buffer): number | undefined {
  const text = body.toString('utf8').trim();
  return /^(0|[1-9]\d{0,15})$/.test(text) ? Number(text) : undefined;
}
