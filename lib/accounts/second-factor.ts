import { Prisma, type PrismaClient } from '../db/generated/client';
import { db } from '../db/client';
import type { SecondFactorCheck } from '../tenancy/authenticate';
import { RECOVERY_CODE } from './recovery-codes';
import { recoveryCodeHash, unseal } from './secret-box';
import { secondFactorRequired } from './second-factor-policy';
import { matchTotp } from './totp';

/** Whether a person of this role must have a second factor in this agency. */
export async function requiredIn(
  client: PrismaClient,
  tenantId: string,
  role: Parameters<typeof secondFactorRequired>[0],
) {
  const agency = await client.agency.findUnique({
    where: { id: tenantId },
    select: { staffSecondFactor: true, agentSecondFactor: true },
  });
  return agency ? secondFactorRequired(role, agency) : true;
}

/**
 * The sign-in's second step (authenticate calls it once the password is right). A person with a TOTP gives a code
 * from the app — its 30-second step must come after the last one used, so a code is good once — or one of the
 * recovery codes, each good once. A person without one passes, unless the role needs one here: then the session
 * opens only on the enrolment page.
 */
export function checkSecondFactor({
  client = db(),
  now = () => new Date(),
}: { client?: PrismaClient; now?: () => Date } = {}): SecondFactorCheck {
  return async ({ identityId, tenantId, role, code }) => {
    const [factor] = await client.$queryRaw<{ totp_secret: string }[]>(
      Prisma.sql`SELECT totp_secret FROM app_sign_in_factor(${identityId}::uuid)`,
    );
    if (!factor) return (await requiredIn(client, tenantId, role)) ? 'enrol' : 'passed';
    if (!code) return 'missing';
    if (RECOVERY_CODE.test(code)) {
      const [row] = await client.$queryRaw<{ used: boolean }[]>(
        Prisma.sql`SELECT app_use_recovery_code(${identityId}::uuid, ${recoveryCodeHash(code)}) AS used`,
      );
      return row?.used ? 'passed' : 'wrong';
    }
    const step = matchTotp(unseal(factor.totp_secret), code.replace(/\s/g, ''), now());
    if (step === null) return 'wrong';
    const [row] = await client.$queryRaw<{ used: boolean }[]>(
      Prisma.sql`SELECT app_use_totp_step(${identityId}::uuid, ${step}::bigint) AS used`,
    );
    return row?.used ? 'passed' : 'wrong';
  };
}
