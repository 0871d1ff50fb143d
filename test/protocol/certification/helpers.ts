/**
 * Test fixtures for certification: a network root, an EP signing certificate and key (made
 * with certs/issue.ts), a sample manifest and a temp folder. Shared by the certification tests.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KeyObject } from 'node:crypto';
import type { X509Certificate } from '@peculiar/x509';
import { createRootCa, generateKeyPair, issueCertificate, toPem, type KeyAlgorithm } from '../../../certs/issue.js';
import type { Manifest } from '../../../protocol/certification/manifest.js';

export const NOW = new Date('2026-06-01T12:00:00Z');
const NOT_BEFORE = new Date('2026-01-01T00:00:00Z');
const NOT_AFTER = new Date('2028-01-01T00:00:00Z');

export interface Office {
  readonly root: X509Certificate;
  readonly rootKey: KeyObject;
  readonly certificate: X509Certificate;
  readonly privateKey: KeyObject;
}

/** A root and a signing certificate for `office`; a fresh root unless one is given. */
export async function makeOffice(office = 'EP', alg: KeyAlgorithm = 'P-256', root?: { certificate: X509Certificate; privateKey: KeyObject }): Promise<Office> {
  const issuer = root ?? (await createRootCa({ name: 'ipex Test Root', notBefore: NOT_BEFORE, notAfter: NOT_AFTER }));
  const keys = await generateKeyPair(alg);
  const certificate = await issueCertificate({
    kind: 'signing', issuer, publicKey: keys.publicKey, commonName: `${office} signing`, officeCode: office,
    notBefore: NOT_BEFORE, notAfter: NOT_AFTER,
  });
  return { root: issuer.certificate, rootKey: issuer.privateKey, certificate, privateKey: keys.privateKey };
}

export function tempDir(prefix = 'ipex-cert-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Writes root.pem, signer.pem and signer.key into `dir` for openssl. */
export function writePems(dir: string, office: Office): { root: string; cert: string; key: string } {
  const paths = { root: join(dir, 'root.pem'), cert: join(dir, 'signer.pem'), key: join(dir, 'signer.key') };
  writeFileSync(paths.root, toPem(office.root));
  writeFileSync(paths.cert, toPem(office.certificate));
  writeFileSync(paths.key, office.privateKey.export({ format: 'pem', type: 'pkcs8' }));
  return paths;
}

export function sampleManifest(parts: Manifest['parts'], office = 'EP'): Manifest {
  return {
    format: 'ipex-manifest/1',
    office,
    documentId: 'EP-23123456-PD',
    version: 1,
    documentKind: 'priorityDocument',
    bibliographicData: {
      ipOfficeCode: office,
      applicationNumberText: '23123456',
      filingDate: '2023-03-14',
      ipRightType: 'patent',
      inventionTitle: 'Widget',
    },
    depositedAt: '2026-05-30T09:00:00Z',
    parts,
  };
}
