import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/client';
import { env } from '../config/env';
import { statementName } from './statement-names';

export type Db = PrismaClient;

export function createDb(url: string = env.DATABASE_URL, max = env.DATABASE_POOL_SIZE): PrismaClient {
  return new PrismaClient({
    adapter: new PrismaPg({ connectionString: url, max }, { statementNameGenerator: ({ sql }) => statementName(sql) }),
  });
}

// One client per process; Next.js dev reloads modules, so keep it on globalThis.
const globalForDb = globalThis as unknown as { recouvraDb?: PrismaClient };

export function db(): PrismaClient {
  globalForDb.recouvraDb ??= createDb();
  return globalForDb.recouvraDb;
}
