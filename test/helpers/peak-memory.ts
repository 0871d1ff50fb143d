/**
 * Peak of retained memory (heap + array buffers, garbage collected before each sample) while
 * `work` runs: the tests' check that a part streams instead of being held whole. Garbage awaiting
 * collection is not counted. A sample is taken every `intervalMs` (0: never) and whenever `work`
 * calls the `sample` it is given. In a large test process (the whole suite) a full collection can
 * take longer than any short interval, and a timer would then collect back to back and starve
 * the work: such a test samples from its source, every few MiB it produces, with no timer.
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
  const timer = intervalMs > 0 ? setInterval(sample, intervalMs) : undefined;
  try {
    return { result: await work(sample), peak };
  } finally {
    clearInterval(timer);
  }
}
