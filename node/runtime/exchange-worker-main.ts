/**
 * The entry point `node:cluster` runs in each exchange worker (exchange-workers.ts forks it):
 * nothing but the worker's main, so that a worker loads what the exchange listener needs and
 * not the CLI.
 */
import { runExchangeWorker } from './exchange-worker.js';

runExchangeWorker();
