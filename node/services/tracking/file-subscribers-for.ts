/**
 * The publisher's side of tracked files for one node context, on its own: the deposit service
 * needs only this (a deposit tells the subscribers of its application), and reaching it through
 * `trackingFor` would load the subscriber's side too — the exchange client, the retrieval jobs
 * and the OpenAPI validator — into every CLI command that opens the deposit service (issue 14,
 * CLI start-up). `trackingFor` hands out the same instance.
 */
import { systemRandom } from '../../../protocol/runtime/clock.js';
import type { NodeContext } from '../../runtime/node-context.js';
import { outboxFor } from '../outbox/index.js';
import { FileSubscribers } from './publisher.js';
import { TrackingStore } from './tracking-store.js';

const byContext = new WeakMap<NodeContext, FileSubscribers>();

export function fileSubscribersFor(context: NodeContext): FileSubscribers {
  let known = byContext.get(context);
  if (known === undefined) {
    known = new FileSubscribers(context, new TrackingStore(context.db), outboxFor(context), systemRandom);
    byContext.set(context, known);
  }
  return known;
}
