/**
 * Peak of retained memory (heap + array buffers, garbage collected before each sample) while
 * `work` runs: the tests' check that a part streams instead of being held whole. Garbage awaiting
 * collection is not counted. A sample is taken every `intervalMs` and whenever `work` calls the
 * `sample` it is given (a source can sample every few MiB it produces: a full collection of a
 * large test process can take longer than a short interval, and would then starve the work).
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

export async function peakMemory<T>(work: (sample: () => void) => Promise<T>, intervalMs = 250): Promise<{ result: T; peak: number }> {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  gc();
  const base = process.memoryUsage();
  let peak = 0;
  const sample = (): void => {
    gc();
    const m = process.memoryUsage();
    peak = Math.max(peak, m.arrayBuffers - base.arrayBuffers + m.heapUsed - base.heapUsed);
  };
  const timer = setInterval(sample, intervalMs);
  try {
    return { result: await work(sample), peak };
  } finally {
    clearInterval(timer);
  }
}
