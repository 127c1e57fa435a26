import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedAgency } from '../../lib/demo/seed-agency';
import { confirmImport } from '../../lib/imports/confirm-import';
import { previewImport } from '../../lib/imports/preview-import';
import { processImport } from '../../lib/imports/process-import';
import { getImport } from '../../lib/imports/queries';
import { uploadReceivables } from '../../lib/imports/upload-receivables';
import { useStorage } from '../../lib/storage/active';
import { derivedKey, readStored, scratchFile, storeBuffer, storeFile } from '../../lib/storage/documents';
import type { StorageDriver } from '../../lib/storage/driver';
import {
  FileTooLargeError,
  newKey,
  openStream,
  remove,
  saveStream,
  sizeOf,
  withLocalCopy,
} from '../../lib/storage/files';
import { localDriver } from '../../lib/storage/local-driver';
import { s3Driver } from '../../lib/storage/s3-driver';
import { actorFor } from './support/actors';
import { ownerDb, uniqueSlug } from './support/db';
import { startLocalS3, type LocalS3 } from './support/s3-server';

const TENANT = '0f1e2d3c-0000-4000-8000-00000000a001';
let s3: LocalS3;
let dir: string;
const drivers: Record<'local' | 's3', () => StorageDriver> = {
  local: () => localDriver(path.join(dir, 'storage')),
  s3: () => s3Driver(s3.settings),
};

/** What the bucket itself holds, asked with a client of its own. */
async function bucketKeys(): Promise<string[]> {
  const client = new S3Client({
    region: s3.settings.region,
    endpoint: s3.settings.endpoint,
    forcePathStyle: true,
    credentials: { accessKeyId: s3.settings.accessKeyId!, secretAccessKey: s3.settings.secretAccessKey! },
  });
  const listed = await client.send(new ListObjectsV2Command({ Bucket: s3.settings.bucket }));
  client.destroy();
  return (listed.Contents ?? []).map((o) => o.Key!).sort();
}

async function text(stream: Readable): Promise<string> {
  let out = '';
  for await (const chunk of stream) out += (chunk as Buffer).toString('utf8');
  return out;
}

beforeAll(async () => {
  s3 = await startLocalS3();
  dir = await mkdtemp(path.join(tmpdir(), 'recouvra-storage-'));
});
afterAll(async () => {
  useStorage(undefined);
  await s3.close();
});

describe.each(['local', 's3'] as const)('the %s storage driver', (kind) => {
  beforeAll(() => useStorage(drivers[kind]()));

  it('stores, reads, streams, sizes, copies locally and removes a document', async () => {
    const key = derivedKey(TENANT, 'documents', `letter:${kind}`);
    const stored = await storeBuffer(key, Buffer.from('%PDF-1.7 a letter'));
    expect(stored).toMatchObject({ size: 17 });
    expect((await readStored(key)).toString()).toBe('%PDF-1.7 a letter');
    expect(await sizeOf(key)).toBe(17);
    expect(await text(await openStream(key))).toBe('%PDF-1.7 a letter');
    const copied = await withLocalCopy(key, async (file) => ({ file, body: await readFile(file, 'utf8') }));
    expect(copied.body).toBe('%PDF-1.7 a letter');
    // Overwritten in place: a retried step leaves one object, not two.
    await storeBuffer(key, 'again');
    expect((await readStored(key)).toString()).toBe('again');
    await remove(key);
    await expect(readStored(key)).rejects.toThrow();
  });

  it('refuses an upload over its limit and stores nothing of it', async () => {
    const key = newKey(TENANT, 'imports');
    await expect(saveStream(key, Readable.from([Buffer.alloc(600), Buffer.alloc(600)]), 1000)).rejects.toBeInstanceOf(
      FileTooLargeError,
    );
    await expect(sizeOf(key)).rejects.toThrow();
    const saved = await saveStream(key, Readable.from([Buffer.from('a;b\r\n'), Buffer.from('1;2\r\n')]), 1000);
    expect(saved).toEqual({ size: 10, sha256: createHash('sha256').update('a;b\r\n1;2\r\n').digest('hex') });
    expect(await sizeOf(key)).toBe(10);
  });

  it('builds a large document in a scratch file and stores it whole', async () => {
    const key = derivedKey(TENANT, 'print-runs', `run:${kind}`);
    const scratch = await scratchFile(key);
    await writeFile(scratch, 'page 1\npage 2\n');
    await storeFile(key, scratch);
    expect((await readStored(key)).toString()).toBe('page 1\npage 2\n');
  });

  it('refuses a key that is not a tenant-scoped path', async () => {
    await expect(readStored('../../etc/passwd')).rejects.toThrow();
    await expect(storeBuffer(`${TENANT}/documents/../x`, 'x')).rejects.toThrow();
  });
});

describe('a receivable list imported with its upload in the bucket', () => {
  it('uploads to the bucket, previews and imports from it', async () => {
    useStorage(drivers.s3());
    const owner = ownerDb();
    try {
      const { tenantId } = await seedAgency(owner, {
        slug: uniqueSlug('s3'),
        name: 'S3',
        seed: 47,
        files: 2,
        password: 'x-password-1',
      });
      const creditor = await actorFor(owner, tenantId, 'CREDITOR');
      const file = path.join(dir, 's3.csv');
      await writeFile(
        file,
        'N° facture;Nom;Prénom;Adresse;Code postal;Ville;Échéance;Montant TTC\r\n' +
          'S3-1;Martin;Léa;3 rue Neuve;69001;Lyon;15/01/2026;1 234,56\r\n',
      );
      const up = await uploadReceivables({
        actor: creditor,
        input: { creditorId: creditor.creditorId!, fileName: 's3.csv' },
        content: createReadStream(file),
      });
      const batch = await owner.importBatch.findFirstOrThrow({ where: { tenantId, id: up.importId } });
      expect(await bucketKeys()).toContain(batch.fileKey);
      await previewImport({ actor: creditor, importId: up.importId, mapping: up.mapping });
      await processImport({ tenantId, importId: up.importId, mode: 'preview' });
      await confirmImport({ actor: creditor, importId: up.importId });
      await processImport({ tenantId, importId: up.importId, mode: 'commit' });
      expect((await getImport({ actor: creditor, importId: up.importId })).counts).toMatchObject({
        rows: 1,
        claims: 1,
      });
    } finally {
      await owner.$disconnect();
    }
  });
});
