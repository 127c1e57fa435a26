import path from 'node:path';
import { z } from 'zod';
import type { StorageDriver } from './driver';
import { localDriver } from './local-driver';
import { s3Driver } from './s3-driver';

// STORAGE_DRIVER=local (the default: STORAGE_DIR, "storage" beside the app) or s3 (S3_BUCKET and the rest below).
const settingsSchema = z.discriminatedUnion('STORAGE_DRIVER', [
  z.object({ STORAGE_DRIVER: z.literal('local'), STORAGE_DIR: z.string().min(1).default('storage') }),
  z.object({
    STORAGE_DRIVER: z.literal('s3'),
    S3_BUCKET: z.string().min(3),
    S3_REGION: z.string().min(1).default('us-east-1'),
    S3_ENDPOINT: z.url().optional(),
    S3_ACCESS_KEY_ID: z.string().min(1).optional(),
    S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
    S3_FORCE_PATH_STYLE: z.enum(['0', '1']).default('0'),
    S3_PREFIX: z.string().default(''),
  }),
]);

export function driverFromEnv(source: Record<string, string | undefined> = process.env): StorageDriver {
  const parsed = settingsSchema.safeParse({ ...source, STORAGE_DRIVER: source.STORAGE_DRIVER ?? 'local' });
  if (!parsed.success) {
    const fields = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid storage settings: ${fields}`);
  }
  const s = parsed.data;
  if (s.STORAGE_DRIVER === 'local') return localDriver(path.resolve(/*turbopackIgnore: true*/ s.STORAGE_DIR));
  return s3Driver({
    bucket: s.S3_BUCKET,
    region: s.S3_REGION,
    endpoint: s.S3_ENDPOINT,
    accessKeyId: s.S3_ACCESS_KEY_ID,
    secretAccessKey: s.S3_SECRET_ACCESS_KEY,
    forcePathStyle: s.S3_FORCE_PATH_STYLE === '1',
    prefix: s.S3_PREFIX,
  });
}

// Read at each use, not at import: the entry sets STORAGE_DIR before the web server's modules load, and tests point
// it at their own folder. The S3 client is made once (it keeps its connections).
const holder = globalThis as unknown as { recouvraStorage?: StorageDriver; recouvraS3?: StorageDriver };

export function storage(): StorageDriver {
  if (holder.recouvraStorage) return holder.recouvraStorage;
  if (process.env.STORAGE_DRIVER === 's3') return (holder.recouvraS3 ??= driverFromEnv());
  return driverFromEnv();
}

/** For tests: run against another driver (a bucket on a local S3-compatible server); undefined goes back. */
export function useStorage(driver: StorageDriver | undefined): void {
  holder.recouvraStorage = driver;
}
