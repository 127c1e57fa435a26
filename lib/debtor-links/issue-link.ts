import { Prisma } from '../db/generated/client';
import type { RawTx } from '../db/raw';
import { hashLinkToken, linkToken } from './token';

/** A link lasts while a file is worked: long enough for a plan's letters, not forever. */
export const LINK_DAYS = 400;

export type LinkCarrier = 'LETTER' | 'EMAIL' | 'SMS' | 'AGENT';

export interface CarriedLink {
  fileId: string;
  /** The letter's or message's own reference: the token is derived from it (./token.ts). */
  reference: string;
  carrier: LinkCarrier;
}

/**
 * The links the given letters or messages carry, recorded (by hash) in the caller's transaction; returns each
 * token in order. Drawing the same letter again gives the same token and records nothing new.
 */
export async function issueDebtorLinks(
  tx: RawTx,
  { secret, tenantId, links, now }: { secret: string; tenantId: string; links: readonly CarriedLink[]; now: Date },
): Promise<string[]> {
  if (links.length === 0) return [];
  const tokens = links.map((l) => linkToken(secret, tenantId, l.reference));
  const expires = new Date(now.getTime() + LINK_DAYS * 86_400_000);
  await tx.$executeRaw(Prisma.sql`
    INSERT INTO debtor_link (tenant_id, file_id, token_hash, carrier, created_at, expires_at)
    SELECT ${tenantId}::uuid, l.file_id, decode(l.hash, 'hex'), l.carrier, ${now}::timestamptz, ${expires}::timestamptz
      FROM unnest(${links.map((l) => l.fileId)}::uuid[], ${tokens.map((t) => hashLinkToken(t).toString('hex'))}::text[],
                  ${links.map((l) => l.carrier)}::text[]) AS l(file_id, hash, carrier)
    ON CONFLICT (tenant_id, token_hash) DO NOTHING`);
  return tokens;
}
