/**
 * A network of ipex office nodes on loopback, for the demo (`npm run demo`) and the integration
 * tests (test/integration/): one development network folder shared by every office (its own root
 * CA and signed directory, node/cli/dev-network.ts), one data folder per office, each node started
 * in this process with startNode on free loopback ports, and a staff token per office for its
 * office API. The ports are chosen before the first start because the directory names each
 * office's exchange URL (docs/design.md §3); a node restarted later keeps them.
 */
import { join } from 'node:path';
import { ensureDevNode, syncDevDirectory } from '../../node/cli/dev-network.js';
import { createOutput, type Output } from '../../node/cli/output.js';
import { startNode, type RunningNode } from '../../node/runtime/start-node.js';
import { stopRetrievalJobs } from '../../node/services/retrieval/index.js';
import { StaffTokens } from '../../node/services/staff/staff-tokens.js';
import { systemClock, systemRandom } from '../../protocol/runtime/clock.js';
import { OfficeApi } from './office-api.js';

/** One office of the network: its data folder, ports, and (while running) its node. */
export interface DemoOffice {
  readonly code: string;
  readonly dataDir: string;
  readonly exchangePort: number;
  readonly officeApiPort: number;
  node?: RunningNode | undefined;
  /** An admin token of its office API (made on first start). */
  token?: string | undefined;
}

export interface DemoNetworkOptions {
  /** The folder under which `network/` and one data folder per office are made. */
  readonly baseDir: string;
  readonly offices: readonly string[];
  /** Where the nodes' progress lines go (default: nowhere). */
  readonly output?: Output;
}

import { freePort } from '../lib/free-port.js';

export { freePort };

/** An Output that prints nothing (the nodes' progress is noise in the demo and the tests). */
export function quietOutput(): Output {
  return createOutput(false, { stdout: { write: () => true }, stderr: { write: () => true } }, true);
}

export class DemoNetwork {
  readonly networkDir: string;
  readonly offices: ReadonlyMap<string, DemoOffice>;
  readonly #output: Output;

  private constructor(networkDir: string, offices: Map<string, DemoOffice>, output: Output) {
    this.networkDir = networkDir;
    this.offices = offices;
    this.#output = output;
  }

  /**
   * Sets up every office in one development network (CA, directory, identities), then installs
   * the final directory — listing all of them — in each node. Nothing is started yet.
   */
  static async create(options: DemoNetworkOptions): Promise<DemoNetwork> {
    const output = options.output ?? quietOutput();
    const networkDir = join(options.baseDir, 'network');
    const offices = new Map<string, DemoOffice>();
    for (const code of options.offices) {
      const office: DemoOffice = { code, dataDir: join(options.baseDir, code), exchangePort: await freePort(), officeApiPort: await freePort() };
      await ensureDevNode(office.dataDir, { officeCode: code, exchangePort: office.exchangePort, officeApiPort: office.officeApiPort, networkDir, output });
      offices.set(code, office);
    }
    // Each office was added to the directory after the ones before it: give every node the last one.
    for (const office of offices.values()) await syncDevDirectory(office.dataDir, networkDir, systemClock);
    return new DemoNetwork(networkDir, offices, output);
  }

  office(code: string): DemoOffice {
    const office = this.offices.get(code);
    if (office === undefined) throw new Error(`office ${code} is not in this network`);
    return office;
  }

  /** The running node of an office (throws when it is stopped). */
  node(code: string): RunningNode {
    const node = this.office(code).node;
    if (node === undefined) throw new Error(`office ${code} is not running`);
    return node;
  }

  /** The office API of a running office, with its admin token. */
  api(code: string): OfficeApi {
    const office = this.office(code);
    return new OfficeApi(this.node(code).officeApiUrl, office.token!);
  }

  /** Starts an office's node on its ports (again, after `stop`), and makes its token once. */
  async start(code: string): Promise<RunningNode> {
    const office = this.office(code);
    if (office.node !== undefined) return office.node;
    const node = await startNode({ dataDir: office.dataDir, output: this.#output, ports: { exchange: office.exchangePort, officeApi: office.officeApiPort } });
    office.node = node;
    if (office.token === undefined) {
      const { db, clock } = node.context;
      office.token = new StaffTokens(db, clock, systemRandom).create('admin', 'ipex demo').token;
    }
    return node;
  }

  async startAll(): Promise<void> {
    for (const code of this.offices.keys()) await this.start(code);
  }

  /** Stops an office's node: its retrieval worker first, then its listeners and database. */
  async stop(code: string): Promise<void> {
    const office = this.office(code);
    const node = office.node;
    if (node === undefined) return;
    office.node = undefined;
    await stopRetrievalJobs(node.context);
    await node.close();
  }

  async stopAll(): Promise<void> {
    for (const code of this.offices.keys()) await this.stop(code);
  }
}
