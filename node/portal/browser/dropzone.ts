/**
 * Drag and drop onto a file picker (`[data-dropzone]` around an `<input type="file">`): dropped
 * files become the input's files, exactly as if chosen in the picker, so the form sends them
 * the same way with or without the upload script.
 */
export function enhanceDropzones(root: Document): void {
  for (const zone of Array.from(root.querySelectorAll<HTMLElement>('[data-dropzone]'))) {
    const input = zone.querySelector<HTMLInputElement>('input[type="file"]');
    if (input === null) continue;
    const hint = zone.querySelector<HTMLElement>('[data-drop-hint]');
    if (hint !== null) hint.hidden = false;
    const active = (on: boolean): void => {
      zone.classList.toggle('dropzone--active', on);
    };
    zone.addEventListener('dragover', (event) => {
      event.preventDefault();
      active(true);
    });
    zone.addEventListener('dragleave', () => active(false));
    zone.addEventListener('drop', (event) => {
      event.preventDefault();
      active(false);
      const files = event.dataTransfer?.files;
      if (files === undefined || files.length === 0) return;
      input.files = files;
      input.dispatchEvent(new Event('change', { bubbles: true }));
    });
  }
}
