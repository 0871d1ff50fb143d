/**
 * The `crl` member of a directory, computed from the CRL the operator publishes with it, so
 * that the directory names exactly one CRL (SHA-256 of its DER, cRLNumber, nextUpdate).
 */
import { IpexError } from '../errors/index.js';
import { parseCrl, type ParsedCrl } from '../pki/crl.js';
import type { Directory } from './format.js';

/** Summarises a CRL (PEM, DER or parsed) for Directory.crl. */
export function crlSummary(crl: string | Uint8Array | ParsedCrl): Directory['crl'] {
  const parsed = parseCrl(crl);
  if (parsed.number === undefined || parsed.nextUpdate === undefined) {
    throw new IpexError('CRL_SIGNATURE_INVALID', 'a directory CRL must carry a cRLNumber and a nextUpdate');
  }
  return { sha256: parsed.sha256, number: parsed.number, nextUpdate: parsed.nextUpdate.toISOString().replace(/\.000Z$/, 'Z') };
}
