import pg from 'pg';
import { env } from '../config/env';
import { Prisma } from './generated/client';
import type { TenantScope } from './tenant';

// Bulk paths (COPY, set-based SQL over staging tables) need a plain pg connection; Prisma cannot stream COPY.
const globalForPool = globalThis as unknown as { recouvraPool?: pg.Pool };

export function rawPool(): pg.Pool {
  // Imports stage whole files in temporary tables and sort them: give these few connections room for that.
  if (!globalForPool.recouvraPool) {
    globalForPool.recouvraPool = new pg.Pool({
      connectionString: env.DATABASE_URL,
      // The scenario engine runs every step here too, one connection per step in progress.
      max: Math.max(4, env.DATABASE_POOL_SIZE),
      options: '-c temp_buffers=64MB -c work_mem=64MB',
    });
    // An idle connection closed by the server (restart, failover) must not crash the process. Once per pool:
    // a listener per call piled up (MaxListenersExceededWarning).
    globalForPool.recouvraPool.on('error', (error) => console.error('database pool:', error.message));
  }
  return globalForPool.recouvraPool;
}

/** Ends the pool, if one was opened: before its database is dropped, or when a script is done with it. */
export async function closeRawPool(): Promise<void> {
  const pool = globalForPool.recouvraPool;
  globalForPool.recouvraPool = undefined;
  await pool?.end();
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
export function pgTx(client: pg.ClientBase): RawTx {
  const sql = (query: TemplateStringsArray | Prisma.Sql, values: unknown[]) =>
    query instanceof Prisma.Sql ? query : Prisma.sql(query, ...(values as Prisma.Sql[]));
  return {
    async $queryRaw<T>(query: TemplateStringsArray | Prisma.Sql, ...values: unknown[]) {
      const { text, values: params } = sql(query, values);
      return (await client.query(text, params)).rows as T;
    },
    async $executeRaw(query: TemplateStringsArray | Prisma.Sql, ...values: unknown[]) {
      const { text, values: params } = sql(query, values);
      return (await client.query(text, params)).rowCount ?? 0;
    },
  };
}
