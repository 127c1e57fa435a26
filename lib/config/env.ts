import { existsSync } from 'node:fs';
import { z } from 'zod';

// Scripts run outside Next.js, which loads .env by itself; load it here the same way.
if (existsSync('.env') && typeof process.loadEnvFile === 'function' && !process.env.RECOUVRA_ENV_LOADED) {
  process.loadEnvFile('.env');
  process.env.RECOUVRA_ENV_LOADED = '1';
}

const schema = z.object({
  DATABASE_URL: z.string().url().default('postgresql://recouvra_app:recouvra_app@127.0.0.1:5432/recouvra'),
  MIGRATION_DATABASE_URL: z.string().url().default('postgresql://postgres@127.0.0.1:5432/recouvra'),
  REDIS_URL: z.string().url().default('redis://127.0.0.1:6379'),
  QUEUE_PREFIX: z.string().min(1).default('recouvra'),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  // How long a job stays claimed without a lock renewal; a worker killed mid-job gives its jobs back after it.
  WORKER_LOCK_MS: z.coerce.number().int().min(1000).max(600_000).default(30_000),
});

export type Env = z.infer<typeof schema>;

export function readEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid environment: ${fields}`);
  }
  return parsed.data;
}

export const env = readEnv();
