import { env } from '../config/env';
import { db } from '../db/client';
import { inTenant, type Tx } from '../db/tenant';
import { isClosed } from '../cases/rules';
import { recordAudit } from '../audit/record-audit';
import { recordTimeline } from '../history/record';
import { redis } from '../redis/connection';
import { secondFactorMatches, SESSION_SECONDS, type DebtorSession } from './rules';
import { countAnswer } from './throttle';
import { takeDebtorCode } from './code-store';
import { hashLinkToken, TOKEN_PATTERN } from '../debtor-links/token';

export interface ResolvedLink {
  tenantId: string;
  linkId: string;
  fileId: string;
}

/**
 * The agency and file a token opens, or null — for an unknown token, a revoked or expired link, and a closed file
 * alike. The only lookup that crosses agencies is the database function, which answers for a hash and nothing else.
 */
export async function resolveLink(token: string, now: Date): Promise<ResolvedLink | null> {
  if (!TOKEN_PATTERN.test(token)) return null;
  const [row] = await db().$queryRaw<
    { tenant_id: string; id: string; file_id: string; expires_at: Date; revoked_at: Date | null }[]
  >`SELECT tenant_id, id, file_id, expires_at, revoked_at FROM app_debtor_link(decode(${hashLinkToken(token).toString('hex')}, 'hex'))`;
  if (!row || row.revoked_at || row.expires_at <= now) return null;
  return { tenantId: row.tenant_id, linkId: row.id, fileId: row.file_id };
}

/** The file behind a link, if it is still worked (a closed file's link opens nothing). */
export async function openFileOf(tx: Tx, link: ResolvedLink) {
  const file = await tx.caseFile.findUnique({
    where: { tenantId_id: { tenantId: link.tenantId, id: link.fileId } },
    select: { id: true, tenantId: true, debtorId: true, creditorId: true, status: true },
  });
  return file && !isClosed(file.status) ? file : null;
}

export type OpenLinkResult = { ok: true; session: DebtorSession } | { ok: false; reason: 'refused' | 'throttled' };

/**
 * A debtor answers the second factor on their link's page: the postcode, an invoice's end, or the code sent on
 * request. Every answer is counted first (./throttle.ts); a wrong answer, an unknown link and a closed file get the
 * same refusal. A right one is written on
 * the file's timeline and in the audit log, with the address it came from.
 */
export async function openDebtorLink({
  token,
  answer,
  ip,
  now = new Date(),
}: {
  token: string;
  answer: string;
  ip?: string;
  now?: Date;
}): Promise<OpenLinkResult> {
  if (!(await countAnswer(redis(), env.QUEUE_PREFIX, hashLinkToken(token), ip)))
    return { ok: false, reason: 'throttled' };
  const link = await resolveLink(token, now);
  if (!link) return { ok: false, reason: 'refused' };
  // The code sent on request (./one-time-code.ts) is spent by a right answer, whichever factor it then opens with.
  const byCode = await takeDebtorCode(token, answer, now);
  const opened = await inTenant({ tenantId: link.tenantId }, async (tx) => {
    const file = await openFileOf(tx, link);
    if (!file) return false;
    const [addresses, claims] = await Promise.all([
      tx.contactPoint.findMany({
        where: { tenantId: link.tenantId, debtorId: file.debtorId, kind: 'ADDRESS', postcode: { not: null } },
        select: { postcode: true },
      }),
      tx.claim.findMany({ where: { tenantId: link.tenantId, fileId: file.id }, select: { invoiceNumber: true } }),
    ]);
    const facts = {
      postcodes: addresses.map((a) => a.postcode!),
      invoiceNumbers: claims.map((c) => c.invoiceNumber),
    };
    if (!byCode && !secondFactorMatches(answer, facts)) {
      await recordAudit(
        tx,
        { tenantId: link.tenantId, membershipId: null },
        { action: 'debtor.link.refused', entity: 'case_file', entityId: file.id, ip, details: { link: link.linkId } },
      );
      return false;
    }
    await tx.debtorLink.update({
      where: { tenantId_id: { tenantId: link.tenantId, id: link.linkId } },
      data: { lastOpenedAt: now },
    });
    await recordTimeline(
      tx,
      { tenantId: link.tenantId, fileId: file.id, actorId: null, at: now },
      {
        kind: 'debtor.page_opened',
        details: {},
      },
    );
    await recordAudit(
      tx,
      { tenantId: link.tenantId, membershipId: null },
      {
        action: 'debtor.link.opened',
        entity: 'case_file',
        entityId: file.id,
        ip,
        details: { link: link.linkId, factor: byCode ? 'CODE' : 'KNOWN' },
      },
    );
    return true;
  });
  if (!opened) return { ok: false, reason: 'refused' };
  return {
    ok: true,
    session: {
      linkId: link.linkId,
      tenantId: link.tenantId,
      expiresAt: Math.floor(now.getTime() / 1000) + SESSION_SECONDS,
    },
  };
}
