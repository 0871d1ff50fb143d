/**
 * Tracked files (issue 12; docs/tracked-files.md): one office tracks an application at a peer and
 * is told, by signed notifications through the outbox, of every new search or examination
 * document or version deposited for it. `trackingFor(context)` gives both sides of one node:
 * `subscribers` (the peers that track this office's applications) and `tracked` (what this
 * office tracks at peers). `registerTrackingChannel` plugs the outbox's `peer` channel in.
 */
import { systemRandom } from '../../../protocol/runtime/clock.js';
import type { ExchangeClient } from '../../../protocol/exchange-client/index.js';
import type { NodeContext } from '../../runtime/node-context.js';
import { outboxFor } from '../outbox/index.js';
import { exchangeClientFor } from '../retrieval/index.js';
import { peerChannel } from './peer-channel.js';
import type { FileSubscribers } from './publisher.js';
import { fileSubscribersFor } from './file-subscribers-for.js';
import { TrackedFiles } from './tracker.js';
import { TrackingStore } from './tracking-store.js';

export { FileSubscribers, type DepositTracking, type DepositedDossierDocument } from './publisher.js';
export { TrackedFiles, type TrackedFile } from './tracker.js';
export type { Subscription } from './tracking-store.js';

/** How long one peer may take to answer a tracking request (the outbox retries after that). */
const PEER_TIMEOUT_MS = 15_000;

export interface Tracking {
  readonly subscribers: FileSubscribers;
  readonly tracked: TrackedFiles;
  /** Closes the exchange client's connections, if one was made. */
  close(): void;
}

const byContext = new WeakMap<NodeContext, Tracking>();

export function trackingFor(context: NodeContext): Tracking {
  let known = byContext.get(context);
  if (known === undefined) {
    const store = new TrackingStore(context.db);
    const outbox = outboxFor(context);
    let client: ExchangeClient | undefined;
    const lazyClient = (): ExchangeClient => (client ??= exchangeClientFor(context, systemRandom, { timeoutMs: PEER_TIMEOUT_MS }));
    known = {
      subscribers: fileSubscribersFor(context),
      tracked: new TrackedFiles(context, store, outbox, lazyClient),
      close: () => { client?.close(); client = undefined; },
    };
    byContext.set(context, known);
  }
  return known;
}

/** Plugs the `peer` channel into the node's outbox; returns what to close when the node stops. */
export function registerTrackingChannel(context: NodeContext): () => void {
  const tracking = trackingFor(context);
  let client: ExchangeClient | undefined;
  outboxFor(context).registerChannel(peerChannel(context, tracking.subscribers, () => (client ??= exchangeClientFor(context, systemRandom, { timeoutMs: PEER_TIMEOUT_MS }))));
  return () => {
    client?.close();
    tracking.close();
  };
}
