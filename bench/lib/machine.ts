/**
 * What the numbers were measured on (issue 5 `machine`): CPU model, core count, memory, Node
 * and SQLite versions, and the load average when the run started (a loaded machine gives
 * pessimistic numbers, so the table says so).
 */
import { cpus, loadavg, totalmem } from 'node:os';
import Database from 'better-sqlite3';

export interface MachineInfo {
  readonly cpuModel: string;
  readonly cores: number;
  readonly memoryGiB: number;
  readonly node: string;
  readonly sqlite: string;
  readonly platform: string;
  readonly loadAverageAtStart: number[];
  readonly startedAt: string;
}

export function machineInfo(): MachineInfo {
  const list = cpus();
  const db = new Database(':memory:');
  const sqlite = (db.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v;
  db.close();
  return {
    cpuModel: list[0]?.model.trim() ?? 'unknown',
    cores: list.length,
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    sqlite,
    platform: `${process.platform} ${process.arch}`,
    loadAverageAtStart: loadavg().map((l) => Math.round(l * 100) / 100),
    startedAt: new Date().toISOString(),
  };
}
