import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { ERROR_CODES, IpexError, errorSpec, isErrorCode } from '../../../protocol/errors/index.js';
import { renderErrorsDoc } from '../../../scripts/errors-doc.js';

describe('error registry', () => {
  it('matches docs/errors.md exactly (run `npm run docs:errors` after changing a code)', () => {
    const committed = readFileSync(new URL('../../../docs/errors.md', import.meta.url), 'utf8');
    expect(committed).to.equal(renderErrorsDoc());
  });

  it('uses upper snake case codes and real HTTP statuses', () => {
    for (const [code, spec] of Object.entries(ERROR_CODES)) {
      expect(code, code).to.match(/^[A-Z][A-Z0-9_]+$/);
      expect(spec.status, code).to.be.within(400, 599);
      expect(spec.title, code).to.have.length.greaterThan(5);
    }
  });

  it('gives an IpexError the status of its code and a safe public detail', () => {
    const err = new IpexError('FILE_NOT_FOUND', 'no such file: /secret/path');
    expect(err.status).to.equal(errorSpec('FILE_NOT_FOUND').status);
    expect(err.publicDetail).to.equal(errorSpec('FILE_NOT_FOUND').title);
    expect(err.publicDetail).not.to.contain('/secret');
  });

  it('recognises registered codes only', () => {
    expect(isErrorCode('INVALID_INPUT')).to.equal(true);
    expect(isErrorCode('NOT_A_CODE')).to.equal(false);
    expect(isErrorCode('toString')).to.equal(false);
  });
});
