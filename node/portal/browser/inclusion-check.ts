/**
 * An audit entry's inclusion proof, checked in the auditor's browser (`[data-inclusion]` on the
 * entry page; docs/portal.md "Auditor"): the latest checkpoint (`getAuditCheckpoint`) and the
 * entry's audit path for its size (`getAuditInclusionProof`) are fetched from the office API, and
 * common/inclusion.ts checks the checkpoint's signature with the log key of the signed directory
 * and folds the path from the entry's own text — WebCrypto Ed25519 and SHA-256, nothing taken on
 * the server's word. Without scripts the page says how to check offline.
 */
import { checkInclusion } from '../common/inclusion.js';

type Texts = Record<'checking' | 'signatureOk' | 'signatureBad' | 'includedOk' | 'includedBad' | 'failed', string>;

export function enhanceInclusionChecks(root: Document): void {
  for (const box of Array.from(root.querySelectorAll<HTMLElement>('[data-inclusion]'))) {
    const button = box.querySelector<HTMLButtonElement>('[data-check]');
    const results = box.querySelector<HTMLElement>('[data-results]');
    if (button === null || results === null) continue;
    box.querySelector<HTMLElement>('[data-no-script]')?.setAttribute('hidden', '');
    button.hidden = false;
    const texts = JSON.parse(box.dataset.texts ?? '{}') as Texts;
    const say = (text: string, ok?: boolean): void => {
      const item = root.createElement('li');
      item.textContent = text;
      if (ok !== undefined) item.className = ok ? 'check--ok' : 'check--typo';
      results.append(item);
    };
    button.addEventListener('click', () => {
      results.replaceChildren();
      say(texts.checking);
      void (async () => {
        try {
          const note = await (await fetch('/api/v1/audit/checkpoint', { credentials: 'same-origin' })).text();
          const size = Number(note.split('\n')[1]);
          const index = Number(box.dataset.index);
          const proof = (await (await fetch(`/api/v1/audit/proofs/inclusion?index=${index}&treeSize=${size}`, { credentials: 'same-origin' })).json()) as { hashes: string[] };
          const result = await checkInclusion({ note, verifierKey: box.dataset.logKey ?? '', entry: box.dataset.entry ?? '', index, proof: proof.hashes });
          results.replaceChildren();
          say(result.signature ? texts.signatureOk : texts.signatureBad, result.signature);
          say(result.included ? texts.includedOk.replace('{size}', new Intl.NumberFormat(root.documentElement.lang).format(size)) : texts.includedBad, result.included);
        } catch {
          results.replaceChildren();
          say(texts.failed, false);
        }
      })();
    });
  }
}
