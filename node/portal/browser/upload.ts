/**
 * Part uploads with progress (`form[data-upload]`): each chosen file is sent with its own PUT
 * to the office API (`data-upload-url`, `{partName}` replaced) through XMLHttpRequest, whose
 * upload events give the progress that fetch() cannot, one `<progress>` per part. When all are
 * stored the page reloads from the server, which lists the draft's parts. A failure is shown
 * beside the part with the API's problem code, and the form can be sent again.
 */
import { partMediaType } from '../common/media-type.js';

interface Texts {
  readonly uploading: string;
  readonly done: string;
  readonly failed: string;
}

export function enhanceUploads(root: Document): void {
  for (const form of Array.from(root.querySelectorAll<HTMLFormElement>('form[data-upload]'))) {
    form.addEventListener('submit', (event) => {
      const input = form.querySelector<HTMLInputElement>('input[type="file"]');
      const files = input?.files;
      if (files === null || files === undefined || files.length === 0) return; // the server explains
      event.preventDefault();
      void uploadAll(form, Array.from(files));
    });
  }
}

async function uploadAll(form: HTMLFormElement, files: File[]): Promise<void> {
  const texts = JSON.parse(form.dataset.texts ?? '{}') as Texts;
  const csrf = form.querySelector<HTMLInputElement>('input[name="csrf"]')?.value ?? '';
  const list = form.ownerDocument.getElementById(form.dataset.progress ?? '') as HTMLUListElement | null;
  const button = form.querySelector<HTMLButtonElement>('button[type="submit"]');
  if (list === null) return;
  if (button !== null) button.disabled = true;
  list.replaceChildren();
  let ok = true;
  for (const file of files) {
    const item = form.ownerDocument.createElement('li');
    const label = form.ownerDocument.createElement('span');
    const bar = form.ownerDocument.createElement('progress');
    label.textContent = `${file.name} — ${texts.uploading}`;
    bar.max = Math.max(file.size, 1);
    bar.value = 0;
    bar.setAttribute('aria-label', file.name);
    item.append(label, bar);
    list.append(item);
    const url = `${(form.dataset.upload ?? '').replace('{partName}', encodeURIComponent(file.name))}?mediaType=${encodeURIComponent(partMediaType(file.type))}`;
    const problem = await put(url, file, csrf, (sent) => { bar.value = sent; });
    if (problem === undefined) {
      bar.value = bar.max;
      label.textContent = `${file.name} — ${texts.done}`;
    } else {
      ok = false;
      label.textContent = `${file.name} — ${texts.failed} (${problem})`;
      item.classList.add('error-message');
    }
  }
  if (button !== null) button.disabled = false;
  if (ok) window.location.assign(form.dataset.done ?? window.location.href);
}

/** PUTs one file; resolves with undefined when stored, else the problem's code. */
function put(url: string, file: File, csrf: string, onProgress: (sent: number) => void): Promise<string | undefined> {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open('PUT', url);
    xhr.setRequestHeader('Content-Type', 'application/octet-stream');
    xhr.setRequestHeader('X-CSRF-Token', csrf);
    xhr.upload.addEventListener('progress', (event) => onProgress(event.loaded));
    xhr.addEventListener('load', () => {
      if (xhr.status >= 200 && xhr.status < 300) return resolve(undefined);
      try {
        resolve((JSON.parse(xhr.responseText) as { code?: string }).code ?? String(xhr.status));
      } catch {
        resolve(String(xhr.status));
      }
    });
    xhr.addEventListener('error', () => resolve('NETWORK'));
    xhr.send(file);
  });
}
