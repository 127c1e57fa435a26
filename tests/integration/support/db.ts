import pg from 'pg';
import { createDb } from '../../../lib/db/client';
import type { PrismaClient } from '../../../lib/db/generated/client';

/** Superuser client for fixtures (bypasses RLS, like the seed). */
export function ownerDb(): PrismaClient {
  return createDb(process.env.MIGRATION_DATABASE_URL!, 4);
}

/** Raw connection as the application role, to prove what RLS and grants allow without any app code. */
export async function appRoleClient(): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  return client;
}

export async function ownerClient(): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: process.env.MIGRATION_DATABASE_URL });
  await client.connect();
  return client;
}

export function uniqueSlug(prefix: string): string {
  return `${prefix}-${Math.random().toString(36).slice(2, 8)}`;
}
