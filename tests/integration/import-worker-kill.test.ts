import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedAgency } from '../../lib/demo/seed-agency';
import { confirmImport } from '../../lib/imports/confirm-import';
import { previewImport } from '../../lib/imports/preview-import';
import { uploadReceivables } from '../../lib/imports/upload-receivables';
import type { Actor } from '../../lib/tenancy/actor';
import { actorFor } from './support/actors';
import { ownerDb, uniqueSlug } from './support/db';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
// Enough rows that the import still runs 1.5 s after it starts on a quiet machine (30,000 finished first: CI at b9dfb8c).
const ROWS = 120_000;
const owner = ownerDb();
const workers = new Set<ChildProcess>();
let dir: string;
let tenantId: string;
let creditorUser: Actor;

// node itself (not the tsx wrapper), so that SIGKILL reaches the worker and nothing can clean up.
function startWorker(): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'workers/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, WORKER_LOCK_MS: '2000' },
    stdio: 'ignore',
  });
  workers.add(child);
  child.on('exit', () => workers.delete(child));
  return child;
}

async function statusOf(importId: string): Promise<string> {
  const batch = await owner.importBatch.findUniqueOrThrow({ where: { tenantId_id: { tenantId, id: importId } } });
  return batch.status;
}

async function until(importId: string, wanted: string[], ms: number): Promise<string> {
  const deadline = Date.now() + ms;
  for (;;) {
    const status = await statusOf(importId);
    if (wanted.includes(status)) return status;
    if (Date.now() > deadline) throw new Error(`import stayed ${status}, expected ${wanted.join('|')}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function writeList(file: string): Promise<void> {
  const out = createWriteStream(file);
  out.write('N° facture;Nom;Prénom;Adresse;Code postal;Ville;Échéance;Montant TTC\n');
  for (let i = 0; i < ROWS; i++) {
    const d = i % 25_000;
    if (
      !out.write(
        `KILL-${i};Nom${d};Léa;${d} rue Neuve;${String(10_000 + d).slice(0, 5)};Lyon;15/01/2026;${1 + (i % 900)},50\n`,
      )
    )
      await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'recouvra-kill-'));
  process.env.STORAGE_DIR = path.join(dir, 'storage');
  ({ tenantId } = await seedAgency(owner, {
    slug: uniqueSlug('kill'),
    name: 'Kill',
    seed: 41,
    files: 3,
    password: 'x-password-1',
  }));
  creditorUser = await actorFor(owner, tenantId, 'CREDITOR');
});
afterAll(async () => {
  for (const child of workers) child.kill('SIGKILL');
  await owner.$disconnect();
});

describe('an import whose worker is killed mid-way', () => {
  it('writes nothing half-way, and the restarted worker imports it exactly once', async () => {
    const file = path.join(dir, 'big.csv');
    await writeList(file);
    const up = await uploadReceivables({
      actor: creditorUser,
      input: { creditorId: creditorUser.creditorId!, fileName: 'big.csv' },
      content: createReadStream(file),
    });
    let worker = startWorker();
    await previewImport({ actor: creditorUser, importId: up.importId, mapping: up.mapping });
    await until(up.importId, ['PREVIEWED'], 120_000);

    await confirmImport({ actor: creditorUser, importId: up.importId });
    await until(up.importId, ['RUNNING'], 60_000);
    // Let the transaction get well into the rows before pulling the plug.
    await new Promise((r) => setTimeout(r, 1500));
    expect(await statusOf(up.importId)).toBe('RUNNING');
    worker.kill('SIGKILL');
    await once(worker, 'exit');

    const written = () => owner.claim.count({ where: { tenantId, importId: up.importId } });
    expect(await written()).toBe(0);

    worker = startWorker();
    expect(await until(up.importId, ['DONE', 'FAILED'], 180_000)).toBe('DONE');
    expect(await written()).toBe(ROWS);
    const invoices = await owner.claim.groupBy({
      by: ['invoiceNumber'],
      where: { tenantId, importId: up.importId },
      having: { invoiceNumber: { _count: { gt: 1 } } },
    });
    expect(invoices).toEqual([]);
    worker.kill('SIGTERM');
  }, 300_000);
});
