/**
 * A deposited part that claims to be ST.96 bibliographic data (issue 15; docs/depositing.md
 * "ST.96 bibliographic XML"): a part uploaded with the media type
 * `application/vnd.ipex.st96-bibliographic+xml` is read back from the blob store once it is
 * stored, held to the ST.96 subset ipex reads (protocol/st96/bibliographic-read.ts) and to the
 * deposit it belongs to — the same office, application number and filing date — before its row is
 * written; a part that fails is refused with `ST96_INVALID` and the draft is unchanged (the bytes
 * stay as a content-addressed orphan, as for any refused upload). Other XML stays opaque: only
 * the media type makes the claim, so an ST.26 sequence listing is never read.
 */
import { IpexError, isIpexError } from '../../../protocol/errors/index.js';
import { readSt96Bibliographic, ST96_BIBLIOGRAPHIC_MEDIA_TYPE } from '../../../protocol/st96/bibliographic-read.js';
import { MAX_XML_BYTES } from '../../../protocol/st96/xml-reader.js';
import { normaliseApplicationNumber } from '../../../protocol/st13/index.js';
import type { BlobInfo } from '../../storage/blob-store.js';
import type { DepositDeps } from './deposit-deps.js';

/**
 * Checks a stored part of the ST.96 media type against the subset and the draft's own data
 * (`draftBibliographic` is read only for such a part: most parts are not).
 */
export async function checkSt96Part(deps: DepositDeps, mediaType: string, info: BlobInfo, draftBibliographic: () => string, partName: string): Promise<void> {
  if (mediaType !== ST96_BIBLIOGRAPHIC_MEDIA_TYPE) return;
  const refuse = (why: string): never => {
    throw new IpexError('ST96_INVALID', `part ${JSON.stringify(partName.slice(0, 80))} (${ST96_BIBLIOGRAPHIC_MEDIA_TYPE}) ${why}`);
  };
  if (info.size > MAX_XML_BYTES) refuse(`is ${info.size} bytes; ST.96 bibliographic data is at most ${MAX_XML_BYTES} bytes`);
  const chunks: Buffer[] = [];
  for await (const chunk of await deps.blobs.open(info.sha256)) chunks.push(chunk as Buffer);
  let read;
  try {
    read = readSt96Bibliographic(Buffer.concat(chunks));
  } catch (err) {
    if (isIpexError(err) && err.code === 'ST96_INVALID') refuse(err.message);
    throw err;
  }
  const own = JSON.parse(draftBibliographic()) as { ipOfficeCode: string; applicationNumberText: string; filingDate: string };
  let number: string | undefined;
  try {
    number = normaliseApplicationNumber(read!.ipOfficeCode, read!.applicationNumberText).applicationNumberText;
  } catch (err) {
    refuse(`names the application ${JSON.stringify(read!.applicationNumberText.slice(0, 64))}: ${(err as Error).message}`);
  }
  const theirs = `${read!.ipOfficeCode} ${number} filed ${read!.filingDate}`;
  const ours = `${own.ipOfficeCode} ${own.applicationNumberText} filed ${own.filingDate}`;
  if (theirs !== ours) refuse(`describes the application ${theirs}, but this deposit is for ${ours}`);
}
