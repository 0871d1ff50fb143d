/**
 * What a family search has found so far, grouped by office and application (issue 12;
 * docs/dossiers.md): each document found joins its application, whose filing date, right,
 * family ids and priority claims it tells; from them come the keys of the next round — every
 * application found and every priority any of them claims, and every family id — so that the
 * family closes transitively over "is, or claims, the same priority".
 */
import type { PriorityClaim } from '../../../protocol/st96/priority-claims.js';
import type { ApplicationKey } from '../access/index.js';
import type { DossierDocument } from './peer-answer.js';

export interface ApplicationGroup {
  applicationNumberText: string;
  filingDate?: string;
  ipRightType?: NonNullable<DossierDocument['ipRightType']>;
  patentFamilyIds: string[];
  priorityClaimBag?: { priorityClaim: PriorityClaim[] };
  documents: DossierDocument[];
}

export interface OfficeGroup {
  ipOfficeCode: string;
  applications: ApplicationGroup[];
}

const keyOf = (office: string, number: string): string => `${office} ${number}`;

export class FamilyCollector {
  readonly #applications = new Map<string, { office: string; group: ApplicationGroup }>();
  readonly #claimed = new Map<string, ApplicationKey>();
  readonly #families = new Set<string>();

  /** Adds documents an office listed (its own documents only, checked by the caller). */
  add(documents: readonly DossierDocument[]): void {
    for (const d of documents) {
      const key = keyOf(d.ipOfficeCode, d.applicationNumberText);
      let entry = this.#applications.get(key);
      if (entry === undefined) {
        entry = { office: d.ipOfficeCode, group: { applicationNumberText: d.applicationNumberText, patentFamilyIds: [], documents: [] } };
        this.#applications.set(key, entry);
      }
      const group = entry.group;
      if (d.filingDate !== undefined) group.filingDate ??= d.filingDate;
      if (d.ipRightType !== undefined) group.ipRightType ??= d.ipRightType;
      if (d.patentFamilyId !== undefined) {
        this.#families.add(d.patentFamilyId);
        if (!group.patentFamilyIds.includes(d.patentFamilyId)) group.patentFamilyIds.push(d.patentFamilyId);
      }
      for (const claim of d.priorityClaimBag?.priorityClaim ?? []) {
        const claimKey = keyOf(claim.ipOfficeCode, claim.applicationNumberText);
        this.#claimed.set(claimKey, { ipOfficeCode: claim.ipOfficeCode, applicationNumberText: claim.applicationNumberText });
        const claims = (group.priorityClaimBag ??= { priorityClaim: [] }).priorityClaim;
        if (!claims.some((c) => keyOf(c.ipOfficeCode, c.applicationNumberText) === claimKey)) claims.push(claim);
      }
      const same = group.documents.findIndex((x) => x.documentId === d.documentId);
      if (same < 0) group.documents.push(d);
      else if (group.documents[same]!.version < d.version) group.documents[same] = d;
    }
  }

  /** Every application found and every priority claimed: the keys a next round asks about. */
  applicationKeys(): ApplicationKey[] {
    const keys = new Map(this.#claimed);
    for (const [key, { office, group }] of this.#applications) keys.set(key, { ipOfficeCode: office, applicationNumberText: group.applicationNumberText });
    return [...keys.values()];
  }

  familyIds(): string[] {
    return [...this.#families];
  }

  /** The result: offices in code order, applications by number, documents by kind then id. */
  groups(): OfficeGroup[] {
    const offices = new Map<string, ApplicationGroup[]>();
    for (const { office, group } of this.#applications.values()) {
      group.documents.sort((a, b) => compare(a.documentKind, b.documentKind) || compare(a.documentId, b.documentId));
      group.patentFamilyIds.sort(compare);
      offices.set(office, [...(offices.get(office) ?? []), group]);
    }
    return [...offices].sort(([a], [b]) => compare(a, b)).map(([ipOfficeCode, applications]) => ({
      ipOfficeCode, applications: applications.sort((a, b) => compare(a.applicationNumberText, b.applicationNumberText)),
    }));
  }

  documentCount(): number {
    let n = 0;
    for (const { group } of this.#applications.values()) n += group.documents.length;
    return n;
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
