import type { Prisma } from '../db/generated/client';
import type { PaymentMethod, PlanFrequency } from '../db/generated/enums';
import type { Tx } from '../db/tenant';
import { formatDay, formatMoney } from '../i18n/format';

// Timeline entries are read by agents in French, whatever the UI language, like the rest of the file's
// history; the details carry the figures for any other rendering.

export const METHOD_FR: Record<PaymentMethod, string> = {
  TRANSFER: 'virement',
  CHEQUE: 'chèque',
  CARD: 'carte bancaire',
  DIRECT_DEBIT: 'prélèvement',
  DIRECT_TO_CREDITOR: 'paiement direct au créancier',
};

export const FREQUENCY_FR: Record<PlanFrequency, string> = {
  WEEKLY: 'hebdomadaire',
  BIWEEKLY: 'bimensuelle (toutes les deux semaines)',
  MONTHLY: 'mensuelle',
};

export const euros = (cents: number, currency = 'EUR') => formatMoney(cents, currency, 'fr');
export const frenchDay = (day: string) => formatDay(day, 'fr');

export async function writeActivity(
  tx: Tx,
  entry: {
    tenantId: string;
    fileId: string;
    actorId: string | null;
    kind: string;
    summary: string;
    details?: Prisma.InputJsonObject;
    occurredAt?: Date;
  },
): Promise<void> {
  await tx.activity.create({
    data: {
      tenantId: entry.tenantId,
      fileId: entry.fileId,
      actorId: entry.actorId,
      kind: entry.kind,
      summary: entry.summary,
      details: entry.details ?? {},
      ...(entry.occurredAt ? { occurredAt: entry.occurredAt } : {}),
    },
  });
}

/** Audit rows for work nobody signed in did (the daily plan check): no actor, same trail. */
export async function recordSystemAudit(
  tx: Tx,
  tenantId: string,
  entry: { action: string; entity: string; entityId: string; details?: Record<string, string | number | boolean> },
): Promise<void> {
  await tx.auditLog.create({
    data: {
      tenantId,
      actorId: null,
      action: entry.action,
      entity: entry.entity,
      entityId: entry.entityId,
      details: entry.details ?? {},
    },
  });
}
