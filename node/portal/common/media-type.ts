/**
 * A part's media type as the office API takes it (`uploadDepositPart`'s `mediaType`: lower-case
 * `type/subtype`), from what a browser says about a chosen file — its guess, which may be
 * empty, upper-case or carry parameters. Shared by the parts form without scripts (the server
 * reads the multipart part's type) and the upload script (the browser reads File.type).
 */
const MEDIA_TYPE = /^[a-z0-9!#$&^_.+-]{1,64}\/[a-z0-9!#$&^_.+-]{1,64}$/;

export function partMediaType(browserType: string): string {
  const type = browserType.toLowerCase().split(';')[0]!.trim();
  return MEDIA_TYPE.test(type) ? type : 'application/octet-stream';
}
