/**
 * ST.96 bibliographic XML → the bibliographic data of an ipex deposit (issue 15): what the bulk
 * import (`ipex import`, an archive's "ST.96 XML beside its parts"), the watched inbox and a
 * deposited part of the ST.96 media type are read with. It holds a document to the subset of
 * ST.96 ipex uses — the elements bibliographic-xml.ts writes, in their order, with their value
 * spaces, exactly what test/protocol/st96/st96-subset/ says — and refuses anything else with
 * `ST96_INVALID` naming the element (`/pat:BibliographicData/pat:ApplicationIdentification/
 * pat:FilingDate ...`), so a document refused here is one `xmllint --schema` refuses too.
 *
 * The result is input, not checked meaning: numbers as printed, office codes as written. The
 * deposit checks it as it checks any deposit (node/services/deposit/bibliographic.ts: ST.13
 * normalisation, dates not in the future, the office of the node). `ipRightType` has no ST.96
 * element in this subset: a document in the Patent namespace is a patent unless the caller says
 * otherwise (`defaults`).
 */
import { IpexError } from '../errors/index.js';
import { ST96_COMMON_NS as COM, ST96_PATENT_NS as PAT } from './citation-xml.js';
import { readCitationBag } from './citation-read.js';
import { allowAttributes, expectSequence, ShapeError, simpleText, type Path } from './xml-shape.js';
import { readXml, XmlSyntaxError, type XmlElement } from './xml-reader.js';

/** The media type of a part that claims to be ST.96 bibliographic data (checked at deposit). */
export const ST96_BIBLIOGRAPHIC_MEDIA_TYPE = 'application/vnd.ipex.st96-bibliographic+xml';

/** Bibliographic data read from ST.96 XML: the input of a deposit (openapi/office.yaml `BibliographicData`). */
export interface St96BibliographicInput {
  ipOfficeCode: string;
  applicationNumberText: string;
  filingDate: string;
  ipRightType: string;
  inventionTitle?: string;
  applicantName?: { lastName?: string; firstName?: string; organizationName?: string }[];
  priorityClaimBag?: { priorityClaim: { ipOfficeCode: string; applicationNumberText: string; filingDate: string }[] };
  referenceCitationBag?: ReturnType<typeof readCitationBag>;
}

/**
 * Reads ST.96 bibliographic XML into deposit input.
 *
 * @throws IpexError ST96_INVALID naming the line and the element that breaks the subset.
 */
export function readSt96Bibliographic(xml: string | Buffer, defaults: { ipRightType?: string } = {}): St96BibliographicInput {
  let root: XmlElement;
  try {
    root = readXml(xml);
  } catch (err) {
    if (err instanceof XmlSyntaxError) throw new IpexError('ST96_INVALID', `not well-formed XML: ${err.message}`, { cause: err });
    throw err;
  }
  try {
    return bibliographicData(root, defaults.ipRightType ?? 'patent');
  } catch (err) {
    if (err instanceof ShapeError) throw new IpexError('ST96_INVALID', err.message);
    throw err;
  }
}

function bibliographicData(root: XmlElement, ipRightType: string): St96BibliographicInput {
  const path: Path = [];
  if (root.ns !== PAT || root.local !== 'BibliographicData') {
    throw new ShapeError(`line ${root.line}: the root element is {${root.ns}}${root.local}, not pat:BibliographicData of the ST.96 Patent namespace (${PAT})`);
  }
  const here = [...path, 'pat:BibliographicData'];
  allowAttributes(root, here, [`{${COM}}st96Version`]);
  const c = expectSequence(root, here, [
    [PAT, 'ApplicationIdentification', 1, 1], [PAT, 'PriorityClaimBag', 0, 1], [PAT, 'InventionTitleBag', 0, 1],
    [PAT, 'ReferenceCitationBag', 0, 1], [PAT, 'PartyBag', 0, 1],
  ]);
  const app = applicationIdentification(c.ApplicationIdentification![0]!, [...here, 'pat:ApplicationIdentification']);
  const out: St96BibliographicInput = { ...app, ipRightType };
  const claims = c.PriorityClaimBag?.[0];
  if (claims !== undefined) {
    const where = [...here, 'pat:PriorityClaimBag'];
    const list = expectSequence(claims, where, [[PAT, 'PriorityClaim', 1, 100]]).PriorityClaim!;
    out.priorityClaimBag = { priorityClaim: list.map((e, i) => {
      const at = [...where, `pat:PriorityClaim[${i + 1}]`];
      allowAttributes(e, at, [`{${COM}}sequenceNumber`]);
      sequenceNumber(e, at);
      return applicationIdentification(e, at);
    }) };
  }
  const titles = c.InventionTitleBag?.[0];
  if (titles !== undefined) {
    const where = [...here, 'pat:InventionTitleBag'];
    const title = expectSequence(titles, where, [[PAT, 'InventionTitle', 1, 1]]).InventionTitle![0]!;
    allowAttributes(title, [...where, 'pat:InventionTitle'], [`{${COM}}languageCode`]);
    out.inventionTitle = simpleText(title, [...where, 'pat:InventionTitle'], { min: 1 });
  }
  const citations = c.ReferenceCitationBag?.[0];
  if (citations !== undefined) out.referenceCitationBag = readCitationBag(citations, [...here, 'pat:ReferenceCitationBag']);
  const parties = c.PartyBag?.[0];
  if (parties !== undefined) out.applicantName = applicants(parties, [...here, 'pat:PartyBag']);
  return out;
}

function applicationIdentification(e: XmlElement, where: Path): { ipOfficeCode: string; applicationNumberText: string; filingDate: string } {
  const c = expectSequence(e, where, [[COM, 'IPOfficeCode', 1, 1], [COM, 'ApplicationNumber', 1, 1], [PAT, 'FilingDate', 1, 1]]);
  const number = c.ApplicationNumber![0]!;
  const n = expectSequence(number, [...where, 'com:ApplicationNumber'], [[COM, 'ApplicationNumberText', 1, 1]]);
  return {
    ipOfficeCode: simpleText(c.IPOfficeCode![0]!, [...where, 'com:IPOfficeCode'], { token: true, pattern: /^[A-Z]{2}$/, why: 'is not a two-letter ST.3 code' }),
    applicationNumberText: simpleText(n.ApplicationNumberText![0]!, [...where, 'com:ApplicationNumber', 'com:ApplicationNumberText'], { token: true, min: 1, max: 64 }),
    filingDate: simpleText(c.FilingDate![0]!, [...where, 'pat:FilingDate'], { token: true, pattern: /^\d{4}-\d{2}-\d{2}$/, why: 'is not a YYYY-MM-DD date' }),
  };
}

function applicants(parties: XmlElement, where: Path): NonNullable<St96BibliographicInput['applicantName']> {
  const bag = expectSequence(parties, where, [[PAT, 'ApplicantBag', 1, 1]]).ApplicantBag![0]!;
  const bagPath = [...where, 'pat:ApplicantBag'];
  return expectSequence(bag, bagPath, [[PAT, 'Applicant', 1, 100]]).Applicant!.map((a, i) => {
    const at = [...bagPath, `pat:Applicant[${i + 1}]`];
    allowAttributes(a, at, [`{${COM}}sequenceNumber`]);
    sequenceNumber(a, at);
    const contact = expectSequence(a, at, [[COM, 'PublicationContact', 1, 1]]).PublicationContact![0]!;
    const contactPath = [...at, 'com:PublicationContact'];
    const name = expectSequence(contact, contactPath, [[COM, 'Name', 1, 1]]).Name![0]!;
    const namePath = [...contactPath, 'com:Name'];
    const n = expectSequence(name, namePath, [[COM, 'PersonName', 0, 1], [COM, 'OrganizationName', 0, 1]]);
    const out: { lastName?: string; firstName?: string; organizationName?: string } = {};
    const person = n.PersonName?.[0];
    if (person !== undefined) {
      const personPath = [...namePath, 'com:PersonName'];
      const p = expectSequence(person, personPath, [[COM, 'PersonStructuredName', 0, 1], [COM, 'PersonFullName', 0, 1]]);
      if (p.PersonStructuredName !== undefined && p.PersonFullName !== undefined) {
        throw new ShapeError(`line ${person.line}: /${personPath.join('/')} holds both com:PersonStructuredName and com:PersonFullName (one or the other)`);
      }
      const structured = p.PersonStructuredName?.[0];
      if (structured !== undefined) {
        const sPath = [...personPath, 'com:PersonStructuredName'];
        const s = expectSequence(structured, sPath, [[COM, 'FirstName', 0, 1], [COM, 'LastName', 1, 1]]);
        if (s.FirstName !== undefined) out.firstName = simpleText(s.FirstName[0]!, [...sPath, 'com:FirstName'], { min: 1 });
        out.lastName = simpleText(s.LastName![0]!, [...sPath, 'com:LastName'], { min: 1 });
      } else if (p.PersonFullName !== undefined) {
        out.firstName = simpleText(p.PersonFullName[0]!, [...personPath, 'com:PersonFullName'], { min: 1 });
      } else {
        throw new ShapeError(`line ${person.line}: /${personPath.join('/')} has neither com:PersonStructuredName nor com:PersonFullName`);
      }
    }
    const organisation = n.OrganizationName?.[0];
    if (organisation !== undefined) {
      const oPath = [...namePath, 'com:OrganizationName'];
      const o = expectSequence(organisation, oPath, [[COM, 'OrganizationStandardName', 1, 1]]);
      out.organizationName = simpleText(o.OrganizationStandardName![0]!, [...oPath, 'com:OrganizationStandardName'], { min: 1 });
    }
    if (Object.keys(out).length === 0) throw new ShapeError(`line ${name.line}: /${namePath.join('/')} holds no name`);
    return out;
  });
}

function sequenceNumber(e: XmlElement, where: Path): void {
  const value = e.attributes[`{${COM}}sequenceNumber`];
  if (value !== undefined && !/^\s*[1-9][0-9]{0,8}\s*$/.test(value)) throw new ShapeError(`line ${e.line}: /${where.join('/')}/@com:sequenceNumber is not a positive integer`);
}
