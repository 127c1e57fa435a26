import { parseInput } from '../errors/zod';
import type { Actor } from '../tenancy/actor';
import { appendRate } from './append-rate';
import { legalRateEntrySchema, type LegalRateEntry } from './rate-entry';

export interface AddLegalRateOptions {
  actor: Actor;
  ip?: string;
  /** The agency's clock reads this instant (tests); the present by default. */
  now?: Date;
  /** validFrom, individual, other (percent as typed), decidedOn, publishedRef: see legalRateEntrySchema. */
  input: Record<string, unknown>;
}

/** Appends the next half-year's legal rates (France), right after the last one. */
export async function addLegalRate({ actor, ip, now, input }: AddLegalRateOptions): Promise<LegalRateEntry> {
  return appendRate({
    actor,
    ip,
    now,
    table: 'legal_rate',
    parse: (context) => parseInput(legalRateEntrySchema(context), input),
    write: async (tx, row) => {
      await tx.legalRate.create({
        data: {
          country: 'FR',
          validFrom: new Date(row.validFrom),
          validTo: new Date(row.validTo),
          individualBps: row.individualBps,
          otherBps: row.otherBps,
          decidedOn: new Date(row.decidedOn),
          publishedRef: row.publishedRef,
        },
      });
      return {
        action: 'legal_rate.add',
        entity: 'legal_rate',
        entityId: row.validFrom,
        details: { individualBps: row.individualBps, otherBps: row.otherBps, decidedOn: row.decidedOn },
      };
    },
  });
}
