import { Prisma, type PrismaClient } from '../db/generated/client';
import { recordAudit } from '../audit/record-audit';
import { db } from '../db/client';
import { AppError } from '../errors/app-error';
import { parseInput } from '../errors/zod';
import { hashPassword } from '../tenancy/passwords';
import { resetPasswordSchema, resetTokenSchema } from './schemas';
import { sha256Hex } from './secret-token';

/** What a link opens while it is open — a reset or an invitation — or null (the page says so before any typing). */
export async function openResetLink(token: unknown, client: PrismaClient = db()): Promise<'reset' | 'invite' | null> {
  const parsed = resetTokenSchema.safeParse(token);
  if (!parsed.success) return null;
  const [row] = await client.$queryRaw<{ purpose: string | null }[]>(
    Prisma.sql`SELECT app_password_reset_open(${sha256Hex(parsed.data)}) AS purpose`,
  );
  return row?.purpose === 'reset' || row?.purpose === 'invite' ? row.purpose : null;
}

export async function isResetLinkOpen(token: unknown, client: PrismaClient = db()): Promise<boolean> {
  return (await openResetLink(token, client)) !== null;
}

/**
 * Sets a new password through a reset link, once: the link is used up in the same statement that checks it, the
 * person's sessions end (app_reset_password). A used, replaced or expired link is the same refusal on `token`.
 */
export async function resetPassword({
  input,
  ip,
  client = db(),
}: {
  input: unknown;
  ip?: string;
  client?: PrismaClient;
}): Promise<void> {
  const { token, newPassword } = parseInput(resetPasswordSchema, input);
  const refused = AppError.invalid({ token: 'accounts.errors.resetLink' });
  // Hashing costs 19 MiB and tens of milliseconds: only for a link that is open.
  if (!(await isResetLinkOpen(token, client))) throw refused;
  const passwordHash = await hashPassword(newPassword);
  // The password, the link used up and the audit entry commit together; the agency is known from the link.
  await client.$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<{ identity_id: string; tenant_id: string | null }[]>(
      Prisma.sql`SELECT identity_id, tenant_id FROM app_reset_password(${sha256Hex(token)}, ${passwordHash})`,
    );
    if (!row) throw refused;
    if (!row.tenant_id) return;
    await tx.$executeRaw`SELECT set_config('app.tenant_id', ${row.tenant_id}, true)`;
    await recordAudit(
      tx,
      { tenantId: row.tenant_id, membershipId: null },
      { action: 'auth.password_reset', entity: 'identity', entityId: row.identity_id, ...(ip ? { ip } : {}) },
    );
  });
}
