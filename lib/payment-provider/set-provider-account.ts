import { z } from 'zod';
import { recordAudit } from '../audit/record-audit';
import { inTenant } from '../db/tenant';
import { AppError } from '../errors/app-error';
import { parseInput } from '../errors/zod';
import { optional } from '../forms/fields';
import { personOf, scopeOf, type Actor } from '../tenancy/actor';
import { authorize } from '../tenancy/permissions';

const M = { account: 'paymentProvider.errors.account', accountTaken: 'paymentProvider.errors.accountTaken' } as const;

const accountSchema = z
  .object({
    account: optional(
      z
        .string({ error: M.account })
        .trim()
        .regex(/^acct_[A-Za-z0-9]{1,64}$/, M.account),
    ),
  })
  .strict();

/**
 * The agency's connected account at the card / direct-debit provider (decision 0020), or none (the debtor's page then
 * offers the bank transfer only). Only an admin sets where debtors' card payments land: the account is paid out to
 * the agency's creditors'-funds account, which the admin answers for.
 */
export async function setProviderAccount({ actor, ip, ...input }: { actor: Actor; ip?: string; [k: string]: unknown }) {
  authorize(actor, 'admin.system');
  const { account } = parseInput(accountSchema, input);
  const value = account || null;
  await inTenant(scopeOf(actor), async (tx) => {
    // One agency per account: a notice names the account, and the account names the agency.
    if (value) {
      const [taken] = await tx.$queryRaw<{ n: number }[]>`
        SELECT 1 AS n FROM agency WHERE stripe_account_id = ${value} AND id <> ${actor.tenantId}::uuid`;
      if (taken) throw AppError.invalid({ account: M.accountTaken });
    }
    // agency has no row-level security: the WHERE on the actor's own agency is the wall.
    await tx.$executeRaw`UPDATE agency SET stripe_account_id = ${value} WHERE id = ${actor.tenantId}::uuid`;
    await recordAudit(
      tx,
      { tenantId: actor.tenantId, membershipId: personOf(actor) },
      {
        action: 'paymentProvider.accountSet',
        entity: 'agency',
        entityId: actor.tenantId,
        details: { account: value },
        ...(ip ? { ip } : {}),
      },
    );
  });
}
