import { existsSync } from 'node:fs';
import { z } from 'zod';

// Scripts run outside Next.js, which loads .env by itself; load it here the same way.
if (existsSync('.env') && typeof process.loadEnvFile === 'function' && !process.env.RECOUVRA_ENV_LOADED) {
  process.loadEnvFile('.env');
  process.env.RECOUVRA_ENV_LOADED = '1';
}

const schema = z.object({
  DATABASE_URL: z.string().url().default('postgresql://recouvra_app:recouvra_app@127.0.0.1:5432/recouvra'),
  // The import merge's own role (recouvra_import): the only one allowed to switch row checks off for its
  // transaction. Unset, it is DATABASE_URL's server and database as recouvra_import (local trust auth).
  IMPORT_DATABASE_URL: z.string().url().optional(),
  MIGRATION_DATABASE_URL: z.string().url().default('postgresql://postgres@127.0.0.1:5432/recouvra'),
  REDIS_URL: z.string().url().default('redis://127.0.0.1:6379'),
  QUEUE_PREFIX: z.string().min(1).default('recouvra'),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  // How long a job stays claimed without a lock renewal; a worker killed mid-job gives its jobs back after it.
  WORKER_LOCK_MS: z.coerce.number().int().min(1000).max(600_000).default(30_000),
  // Scenario engine (issue 5): how often the sweep looks for due steps, and how many steps/sends run at once.
  SCENARIO_SWEEP_MS: z.coerce.number().int().min(1000).max(3_600_000).default(60_000),
  SCENARIO_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(8),
  MESSAGE_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(4),
  // Time travel for demos and the worker-kill test: the engine's clock (sweep and steps) runs this far ahead.
  SCENARIO_CLOCK_OFFSET_MS: z.coerce.number().int().min(0).default(0),
  // Outgoing mail. The default is the local capture server (lib/mail/capture-server.ts) that `npm start`
  // runs when SMTP_CAPTURE=1, so the demo never mails a real debtor.
  SMTP_URL: z.string().url().default('smtp://127.0.0.1:1025'),
  MAIL_FROM: z.string().min(3).default('Recouvra <relances@recouvra.local>'),
  // The address users reach the app at (next-auth's own setting): links in e-mails to the agency's users.
  NEXTAUTH_URL: z.string().url().default('http://localhost:3000'),
  SMTP_CAPTURE: z.enum(['0', '1']).default('0'),
  SMTP_CAPTURE_PORT: z.coerce.number().int().min(1).max(65535).default(1025),
  // How many reverse proxies in front of the app append to X-Forwarded-For (lib/net/client-ip.ts).
  TRUSTED_PROXY_COUNT: z.coerce.number().int().min(0).max(10).default(0),
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

/** Where the import merge connects: its own role, never the web role (see IMPORT_DATABASE_URL). */
export function importDatabaseUrl(source: Env = env): string {
  if (source.IMPORT_DATABASE_URL) return source.IMPORT_DATABASE_URL;
  const url = new URL(source.DATABASE_URL);
  url.username = 'recouvra_import';
  url.password = '';
  return url.toString();
}
