/**
 * Shared set-up of the integration tests: a DemoNetwork (scripts/demo/network.ts) of real nodes
 * on loopback, each with its own temporary data folder, removed afterwards; and small helpers
 * to deposit sample documents through the office API.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { DemoNetwork } from '../../scripts/demo/network.js';
import type { OfficeApi } from '../../scripts/demo/office-api.js';
import { generatedPart, minimalPdf } from '../../scripts/demo/sample-parts.js';

export interface TestNetwork {
  readonly net: DemoNetwork;
  readonly baseDir: string;
  close(): Promise<void>;
}

export async function startTestNetwork(offices: readonly string[]): Promise<TestNetwork> {
  const baseDir = mkdtempSync(join(tmpdir(), 'ipex-it-'));
  const net = await DemoNetwork.create({ baseDir, offices });
  await net.startAll();
  return {
    net,
    baseDir,
    close: async () => {
      await net.stopAll();
      rmSync(baseDir, { recursive: true, force: true });
    },
  };
}

export const EP_APP = { ipOfficeCode: 'EP', applicationNumberText: '23123456', filingDate: '2023-05-01', ipRightType: 'patent' } as const;

export interface Application { readonly ipOfficeCode: string; readonly applicationNumberText: string; readonly filingDate: string; readonly ipRightType: 'patent' }

/** Deposits a priority document of `app`: a PDF and a generated part of `bigBytes`. */
export function depositPriorityDocument(api: OfficeApi, bigBytes: number, app: Application = EP_APP) {
  return api.deposit({ documentKind: 'priorityDocument', bibliographicData: { ...app, inventionTitle: 'Integration test' } }, [
    { name: 'application.pdf', mediaType: 'application/pdf', body: () => Readable.from([minimalPdf(['integration test'])]) },
    { name: 'data.bin', mediaType: 'application/octet-stream', body: () => generatedPart(bigBytes, `it-${app.applicationNumberText}`) },
  ]);
}
