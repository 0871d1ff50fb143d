/**
 * One retrieval service per running node: the office routes and the node's start/stop share it
 * through this registry, so that exactly one worker loop runs per node context.
 */
import { systemRandom } from '../../../protocol/runtime/clock.js';
import type { NodeContext } from '../../runtime/node-context.js';
import { RetrievalJobs } from './retrieval-jobs.js';

const services = new WeakMap<NodeContext, RetrievalJobs>();

/** The node's retrieval service, made on first use (the worker is not started here). */
export function retrievalJobsFor(context: NodeContext): RetrievalJobs {
  let jobs = services.get(context);
  if (jobs === undefined) {
    jobs = new RetrievalJobs(context, { random: systemRandom });
    services.set(context, jobs);
  }
  return jobs;
}

/** Stops the node's worker, if one was made (call before closing the database). */
export async function stopRetrievalJobs(context: NodeContext): Promise<void> {
  await services.get(context)?.stop();
  services.delete(context);
}
