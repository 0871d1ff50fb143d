/**
 * Offices as people know them: by the name the signed directory gives them (`listOffices`), with
 * the ST.3 code beside it, both isolated for either writing direction. Used wherever a page
 * names or lets a person choose an office.
 */
import { html, type Html } from '../html.js';
import type { PageContext } from '../page-context.js';
import type { components } from '../../../protocol/generated/office.js';

export type DirectoryOffice = components['schemas']['OfficeList']['items'][number];

/** The directory's offices. */
export async function directoryOffices(ctx: PageContext): Promise<DirectoryOffice[]> {
  return (await ctx.api<components['schemas']['OfficeList']>('listOffices')).body.items;
}

/** Office code → name, from the directory; a code the directory no longer lists shows as itself. */
export async function officeNames(ctx: PageContext): Promise<Map<string, string>> {
  return new Map((await directoryOffices(ctx)).map((o) => [o.code, o.name]));
}

export function officeName(names: ReadonlyMap<string, string>, code: string): Html {
  const name = names.get(code);
  return name === undefined ? html`<bdi dir="ltr">${code}</bdi>` : html`<bdi>${name}</bdi> (<bdi dir="ltr">${code}</bdi>)`;
}

