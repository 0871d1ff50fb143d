/**
 * Live state of retrieval jobs (`[data-job]`, the examiner's job list and job page): while a job
 * is active, its state and the bytes received are read from the office API every second and a
 * half (`getRetrievalJob`, same origin, the session cookie goes by itself) and put on the page;
 * when a job ends the page is loaded again, so that the server shows the copy or the error.
 * Without scripts the page shows the state as it was when loaded.
 */
import { formatBytes } from '../common/bytes.js';

interface Job {
  readonly state: string;
  readonly progress?: { readonly receivedBytes: number; readonly totalBytes: number };
}

const POLL_MS = 1500;

export function followJobs(root: Document): void {
  const active = Array.from(root.querySelectorAll<HTMLElement>('[data-job][data-job-active="yes"]'));
  if (active.length === 0) return;
  const texts = JSON.parse(root.querySelector<HTMLElement>('[data-live-texts]')?.dataset.liveTexts ?? '{}') as Record<string, string>;
  const poll = async (): Promise<void> => {
    let ended = false;
    for (const element of active) {
      try {
        const res = await fetch(element.dataset.job ?? '', { headers: { accept: 'application/json' }, credentials: 'same-origin' });
        if (!res.ok) throw new Error(String(res.status));
        const job = (await res.json()) as Job;
        show(element, job, texts);
        if (job.state === 'done' || job.state === 'failed') ended = true;
      } catch {
        const state = element.querySelector<HTMLElement>('[data-job-state]');
        if (state !== null) state.textContent = texts.failedToFollow ?? '';
        return; // stop polling: a reload shows the truth
      }
    }
    if (ended) window.location.reload();
    else window.setTimeout(() => void poll(), POLL_MS);
  };
  window.setTimeout(() => void poll(), POLL_MS);
}

function show(element: HTMLElement, job: Job, texts: Record<string, string>): void {
  const state = element.querySelector<HTMLElement>('[data-job-state]');
  if (state !== null) state.textContent = texts[job.state] ?? job.state;
  const p = job.progress;
  if (p === undefined) return;
  const language = element.dataset.language ?? document.documentElement.lang;
  let bar = element.querySelector<HTMLProgressElement>('progress');
  const bytes = element.querySelector<HTMLElement>('[data-job-bytes]');
  if (bar === null && bytes !== null) {
    bar = document.createElement('progress');
    bar.setAttribute('aria-label', texts.progressLabel ?? '');
    bytes.before(bar);
  }
  if (bar !== null) {
    bar.max = Math.max(p.totalBytes, 1);
    bar.value = p.receivedBytes;
  }
  if (bytes !== null) bytes.textContent = (texts.bytes ?? '{received} / {total}').replace('{received}', formatBytes(language, p.receivedBytes)).replace('{total}', formatBytes(language, p.totalBytes));
}
