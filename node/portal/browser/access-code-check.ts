/**
 * The access code's check character, checked as it is typed (`[data-access-code-check]` around
 * the retrieval form's code field; docs/access-codes.md): the check of protocol/access-code — the
 * GF(32) check character, or Crockford's mod-37 one of codes issued before issue 10 — run in the
 * browser, says how many characters are typed, or that the code is whole and right, or that it
 * has a typo, before anything is sent (common/typed-access-code.ts). The API checks again;
 * without scripts the form is refused there with the same advice.
 */
import { checkTyped } from '../common/typed-access-code.js';

interface Texts {
  readonly short: string;
  readonly ok: string;
  readonly typo: string;
  readonly das: string;
}

export function checkAccessCodes(root: Document): void {
  for (const field of Array.from(root.querySelectorAll<HTMLElement>('[data-access-code-check]'))) {
    const input = field.querySelector<HTMLInputElement>('input');
    const result = field.querySelector<HTMLElement>('[data-check-result]');
    if (input === null || result === null) continue;
    const texts = JSON.parse(field.dataset.accessCodeCheck ?? '{}') as Texts;
    const update = (): void => {
      const verdict = checkTyped(input.value);
      result.textContent = verdict.kind === 'short' ? texts.short.replace('{count}', new Intl.NumberFormat(root.documentElement.lang).format(verdict.count)) : verdict.kind === 'empty' ? '' : texts[verdict.kind];
      result.className = `hint${verdict.kind === 'ok' ? ' check--ok' : verdict.kind === 'typo' ? ' check--typo' : ''}`;
    };
    input.addEventListener('input', update);
    update();
  }
}
