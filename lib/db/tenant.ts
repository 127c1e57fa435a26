import type { Prisma, PrismaClient } from './generated/client';
import { db } from './client';

export type Tx = Prisma.TransactionClient;

export interface TenantScope {
  tenantId: string;
  /** Set for creditor users: row-level security then hides every other creditor's rows. */
  creditorId?: string | null;
}

/**
 * Runs `work` in a transaction whose row-level-security context is this tenant (and creditor).
 * The settings are transaction-local, so a pooled connection never carries them to the next request.
 */
export async function inTenant<T>(
  scope: TenantScope,
  work: (tx: Tx) => Promise<T>,
  client: PrismaClient = db(),
  /** Prisma's interactive transactions give up after 5 s by default; work that waits on the network says more. */
  options?: { timeoutMs?: number },
): Promise<T> {
  return client.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT set_config('app.tenant_id', ${scope.tenantId}, true),
                                  set_config('app.creditor_id', ${scope.creditorId ?? ''}, true)`;
      return work(tx);
    },
    options?.timeoutMs ? { timeout: options.timeoutMs } : undefined,
  );
}

/** Sign-in runs before a tenant is chosen: the identity may read only its own memberships. */
export async function asIdentity<T>(
  identityId: string,
  work: (tx: Tx) => Promise<T>,
  client: PrismaClient = db(),
): Promise<T> {
  return client.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT set_config('app.identity_id', ${identityId}, true)`;
    return work(tx);
  });
}
