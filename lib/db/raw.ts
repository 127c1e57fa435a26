import pg from 'pg';
import { env, importDatabaseUrl } from '../config/env';
import { Prisma } from './generated/client';
import { statementName } from './statement-names';
import type { TenantScope } from './tenant';
import { logger } from '../log/logger';

// Bulk paths (COPY, set-based SQL over staging tables) need a plain pg connection; Prisma cannot stream COPY.
const globalForPool = globalThis as unknown as { recouvraPool?: pg.Pool; recouvraImportPool?: pg.Pool };

function openPool(connectionString: string, max: number): pg.Pool {
  // Imports stage whole files in temporary tables and sort them: give these few connections room for that.
  const pool = new pg.Pool({ connectionString, max, options: '-c temp_buffers=64MB -c work_mem=64MB' });
  // An idle connection closed by the server (restart, failover) must not crash the process. Once per pool:
  // a listener per call piled up (MaxListenersExceededWarning).
  pool.on('error', (error) => logger.error({ err: error }, 'database pool error'));
  return pool;
}

export function rawPool(): pg.Pool {
  // The scenario engine runs every step here too, one connection per step in progress.
  globalForPool.recouvraPool ??= openPool(env.DATABASE_URL, Math.max(4, env.DATABASE_POOL_SIZE));
  return globalForPool.recouvraPool;
}

/**
 * The import merge's connections, as recouvra_import: the one role that may turn row checks off for its own
 * transaction (lib/imports/pipeline/integrity.ts). The web role cannot, so nothing else can use this pool's power.
 */
export function importPool(): pg.Pool {
  globalForPool.recouvraImportPool ??= openPool(importDatabaseUrl(), Math.max(4, env.DATABASE_POOL_SIZE));
  return globalForPool.recouvraImportPool;
}

/** Ends the pool, if one was opened: before its database is dropped, or when a script is done with it. */
export async function closeRawPool(): Promise<void> {
  const pools = [globalForPool.recouvraPool, globalForPool.recouvraImportPool];
  globalForPool.recouvraPool = globalForPool.recouvraImportPool = undefined;
  await Promise.all(pools.map((pool) => pool?.end()));
}

/**
 * Same contract as inTenant(): one transaction, row-level security set to this tenant for its duration.
 * `rollback` runs the work and then discards it (an import preview computes exact counts this way).
 */
export async function inTenantRaw<T>(
  scope: TenantScope,
  work: (client: pg.PoolClient) => Promise<T>,
  { pool = rawPool(), rollback = false }: { pool?: pg.Pool; rollback?: boolean } = {},
): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query(`SELECT set_config('app.tenant_id', $1, true), set_config('app.creditor_id', $2, true)`, [
      scope.tenantId,
      scope.creditorId ?? '',
    ]);
    const result = await work(client);
    await client.query(rollback ? 'ROLLBACK' : 'COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

/**
 * The raw-query half of a Prisma transaction. A Prisma transaction is one; pgTx() makes one of a pg connection, so
 * code written with tagged `$queryRaw` templates runs on either. Prisma's interactive transaction costs more CPU
 * than a scenario step's whole database work (npm run bench -- scenarios), so the engine runs on pg.
 */
export interface RawTx {
  $queryRaw<T = unknown>(query: TemplateStringsArray | Prisma.Sql, ...values: unknown[]): Promise<T>;
  $executeRaw(query: TemplateStringsArray | Prisma.Sql, ...values: unknown[]): Promise<number>;
}

/**
 * Same statements, same parameters as Prisma would send; but pg leaves an uncast parameter's type to the server, so
 * one in a SELECT list needs its cast. pg returns int8 as a string and a date as a local-midnight Date: cast to text.
 */
export function pgTx(client: Pick<pg.ClientBase, 'query'>): RawTx {
  const run = (query: TemplateStringsArray | Prisma.Sql, values: unknown[]) => {
    if (query instanceof Prisma.Sql) return client.query(query.text, query.values);
    const { text, values: params } = Prisma.sql(query, ...(values as Prisma.Sql[]));
    // A call site's own text (no SQL fragment among the values) is prepared once per connection (statement-names.ts).
    const fixed = !values.some((value) => value instanceof Prisma.Sql);
    return fixed ? client.query({ name: statementName(text), text, values: params }) : client.query(text, params);
  };
  return {
    async $queryRaw<T>(query: TemplateStringsArray | Prisma.Sql, ...values: unknown[]) {
      return (await run(query, values)).rows as T;
    },
    async $executeRaw(query: TemplateStringsArray | Prisma.Sql, ...values: unknown[]) {
      return (await run(query, values)).rowCount ?? 0;
    },
  };
}
