// Application numbers against the format of the office that gave them (issue 15). The accepted
// vectors are published number shapes (sources in protocol/st13/office-formats.ts); each office
// also gets numbers one digit short, one too long, or with a code the office does not use.
import { expect } from 'chai';
import { checkOfficeFormat, expectedShape, normaliseApplicationNumber, OFFICES_WITH_KNOWN_FORMAT } from '../../../protocol/st13/index.js';
import { expectCode } from '../../helpers/error-code.js';

const check = (office: string, printed: string): void => checkOfficeFormat(office, normaliseApplicationNumber(office, printed).applicationNumberText);

const ACCEPTED: Array<[string, string, string]> = [
  ['EP', 'EP 99 403 122.7', 'EPO Register, EP 99403122 (check-digit example of the EPO)'],
  ['EP', 'EP 23 123 456', 'a 2023 EP filing'],
  ['US', 'US 18/123,456', 'MPEP 503, series 18 non-provisional'],
  ['US', '08/123,456', 'series 08 (1993–1997)'],
  ['US', '29/876,543', 'series 29, design'],
  ['US', '63/123,456', 'series 63, provisional'],
  ['JP', '2023-123456', 'JPO 特願2023-123456'],
  ['JP', '1999-012345', 'a Heisei 11 number in the western year'],
  ['JP', 'PCT/JP2023/012345', 'a PCT application received by the JPO'],
  ['CN', 'CN 202310123456.6', 'CNIPA since October 2003, invention'],
  ['CN', '201720123456', 'utility model (type 2)'],
  ['CN', '201880012345', 'PCT national phase (type 8)'],
  ['CN', 'CN 97101765.4', 'before October 2003 (ZC 0006-2003 worked example)'],
  ['KR', '10-2023-0012345', 'KIPO patent'],
  ['KR', '20-2019-0001234', 'KIPO utility model'],
  ['KR', '30-2021-0012345', 'KIPO design'],
  ['WO', 'PCT/IB2023/050123', 'PCT AI § 307 since 2004'],
  ['WO', 'PCT/US2004/001234', 'received by the USPTO'],
  ['WO', 'PCT/GB98/01234', 'before 2004: CCyy/nnnnn'],
  ['IB', 'IB2023050123', 'the International Bureau as receiving office'],
  ['DE', 'DE 10 2023 123 456.7', 'generic rule'],
  ['GB', 'GB2301234.5', 'generic rule'],
  ['FR', '1.234.567', 'generic rule'],
];

const REFUSED: Array<[string, string, RegExp]> = [
  ['EP', '2312345', /EP numbers are yy nnnnnn/],
  ['EP', '231234567', /EP numbers are yy nnnnnn/],
  ['US', '18/12,345', /US numbers are ss\/nnnnnn/],
  ['US', '45/123,456', /series code/],
  ['JP', '2023-12345', /JP numbers are yyyy-nnnnnn/],
  ['JP', '23-123456', /four-digit western year/],
  ['JP', '2023-1234567', /JP numbers/],
  ['CN', '202350123456', /CN numbers are yyyy t nnnnnnn/],
  ['CN', '2023101234567', /CN numbers/],
  ['CN', '9710176', /CN numbers/],
  ['KR', '10-2023-001234', /KR numbers are tt-yyyy-nnnnnnn/],
  ['KR', '50-2023-0012345', /10 patent, 20 utility model/],
  ['KR', '2023-0012345', /KR numbers/],
  ['WO', 'PCT/IB2023/05012', /PCT\/CCyyyy\/nnnnnn/],
  ['WO', 'PCT/QQ2023/050123', /WO numbers/],
  ['WO', '2023050123', /WO numbers/],
  ['JP', 'PCT/JP2023/01234', /JP numbers/],
];

describe('protocol/st13 office formats', () => {
  for (const [office, printed, why] of ACCEPTED) {
    it(`accepts ${office} ${printed} (${why})`, () => {
      expect(() => check(office, printed)).not.to.throw();
    });
  }
  for (const [office, printed, message] of REFUSED) {
    it(`refuses ${office} ${printed}, naming the shape`, () => {
      expectCode(() => check(office, printed), 'APPLICATION_NUMBER_INVALID');
      expect(() => check(office, printed)).to.throw(message);
    });
  }

  it('knows at least EP, US, JP, CN, KR and WO, and names their shapes', () => {
    for (const office of ['EP', 'US', 'JP', 'CN', 'KR', 'WO']) {
      expect(OFFICES_WITH_KNOWN_FORMAT).to.include(office);
      expect(expectedShape(office)).to.be.a('string');
    }
    expect(expectedShape('DE')).to.equal(undefined);
  });
});
