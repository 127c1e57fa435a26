import { parseInput } from '../errors/zod';
import type { Actor } from '../tenancy/actor';
import { appendRate } from './append-rate';
import { ecbRateEntrySchema, type EcbRateEntry } from './rate-entry';

export interface AddEcbRateOptions {
  actor: Actor;
  ip?: string;
  /** The agency's clock reads this instant (tests); the present by default. */
  now?: Date;
  /** validFrom, rate (percent as typed), decidedOn, publishedRef: see ecbRateEntrySchema. */
  input: Record<string, unknown>;
}

/** Appends an ECB main refinancing rate after the last one. */
export async function addEcbRate({ actor, ip, now, input }: AddEcbRateOptions): Promise<EcbRateEntry> {
  return appendRate({
    actor,
    ip,
    now,
    table: 'reference_rate',
    parse: (context) => parseInput(ecbRateEntrySchema(context), input),
    write: async (tx, row) => {
      await tx.referenceRate.create({
        data: {
          kind: 'ECB_MRO',
          validFrom: new Date(row.validFrom),
          rateBps: row.rateBps,
          decidedOn: new Date(row.decidedOn),
          publishedRef: row.publishedRef,
        },
      });
      return {
        action: 'ecb_rate.add',
        entity: 'reference_rate',
        entityId: row.validFrom,
        details: { rateBps: row.rateBps, decidedOn: row.decidedOn },
      };
    },
  });
}
