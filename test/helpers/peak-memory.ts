/**
 * Peak of retained memory (heap + array buffers, garbage collected before each sample) while
 * `work` runs: the tests' check that a part streams instead of being held whole. Garbage awaiting
 * collection is not counted. Every `intervalMs`: a full collection stops everything, and a part
 * held whole would be held for seconds.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

export async function peakMemory<T>(work: () => Promise<T>, intervalMs = 250): Promise<{ result: T; peak: number }> {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  gc();
  const base = process.memoryUsage();
  let peak = 0;
  const timer = setInterval(() => {
    gc();
    const m = process.memoryUsage();
    peak = Math.max(peak, m.arrayBuffers - base.arrayBuffers + m.heapUsed - base.heapUsed);
  }, intervalMs);
  try {
    return { result: await work(), peak };
  } finally {
    clearInterval(timer);
  }
}
