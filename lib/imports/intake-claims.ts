import { FIELD_MESSAGES } from '../forms/fields';
import type { ImportCounts } from './pipeline/merge';
import type { Locale } from '../i18n/locales';
import { describeIssues } from '../i18n/translate';
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { agencyToday } from '../dates/agency-clock';
import { requireActiveMandate } from '../creditors/require-active-mandate';
import { importPool, inTenantRaw } from '../db/raw';
import { inTenant } from '../db/tenant';
import { AppError } from '../errors/app-error';
import { keyWith } from '../errors/keys';
import { parseInput } from '../errors/zod';
import type { ApiCaller } from './api-keys';
import { importRows } from './pipeline/import-rows';

export const MAX_API_ITEMS = 1_000;

// Items are checked one by one by the intake schema (each gets its own answer); here only the envelope.
const bodySchema = z.object({
  items: z
    .array(z.record(z.string(), z.unknown()), { error: 'errors.imports.items' })
    .min(1, 'errors.imports.itemsMin')
    .max(MAX_API_ITEMS, keyWith('errors.imports.itemsMax', { max: MAX_API_ITEMS })),
});
const idempotencyKeySchema = z
  .string({ error: FIELD_MESSAGES.required })
  .trim()
  .min(1, FIELD_MESSAGES.required)
  .max(200, keyWith('errors.field.maxLength', { max: 200 }));

export interface IntakeResponse {
  importId: string;
  summary: ImportCounts;
  items: {
    index: number;
    outcome: 'created' | 'duplicate' | 'rejected';
    fileReference: string | null;
    error: string | null;
    /** An identifier left out of a placed item, and why (e.g. "siren: … check digit does not match"). */
    warning: string | null;
  }[];
}

/**
 * POST /api/intake/claims: a creditor's system pushes receivables. The whole call is one import (one
 * transaction); the answer says what happened to each item. Replaying an Idempotency-Key returns the first
 * answer; reusing it for another body is a conflict.
 */
export async function intakeClaims({
  caller,
  idempotencyKey,
  body,
  locale = 'en',
}: {
  caller: ApiCaller;
  idempotencyKey: unknown;
  body: unknown;
  /** The caller's language for each item's error and warning (a replay answers as the first call did). */
  locale?: Locale;
}) {
  const key = parseInput(z.object({ 'Idempotency-Key': idempotencyKeySchema }), {
    'Idempotency-Key': idempotencyKey ?? undefined,
  })['Idempotency-Key'];
  const { items } = parseInput(bodySchema, body);
  const requestHash = createHash('sha256').update(JSON.stringify(items)).digest('hex');
  const { tenantId, creditorId } = caller;

  const { today, mandateId } = await inTenant({ tenantId }, async (tx) => {
    const today = await agencyToday(tx, tenantId);
    return { today, mandateId: (await requireActiveMandate(tx, { tenantId, creditorId, today })).id };
  });

  return inTenantRaw(
    { tenantId },
    async (client) => {
      // Two calls with one key wait for each other; the second then finds the first's answer.
      await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`${tenantId}:${creditorId}:${key}`]);
      const { rows: previous } = await client.query<{ request_sha256: string; response: IntakeResponse }>(
        'SELECT request_sha256, response FROM idempotency_record WHERE tenant_id = $1 AND creditor_id = $2 AND key = $3',
        [tenantId, creditorId, key],
      );
      if (previous[0]) {
        if (previous[0].request_sha256 !== requestHash) {
          throw new AppError('CONFLICT', 'errors.api.idempotencyReused', {
            'Idempotency-Key': 'errors.api.idempotencyReused',
          });
        }
        return { replayed: true, response: previous[0].response };
      }

      const { rows: created } = await client.query<{ id: string }>(
        `INSERT INTO import_batch (tenant_id, creditor_id, source, status, file_name, format)
       VALUES ($1, $2, 'API', 'RUNNING', $3, 'json') RETURNING id`,
        [tenantId, creditorId, `api:${key}`],
      );
      const importId = created[0]!.id;
      const { counts, outcomes } = await importRows(client, {
        target: { tenantId, creditorId, creditorName: caller.creditorName, mandateId, importId },
        rows: (async function* () {
          // Unknown properties are answered by the strict intake schema, item by item.
          for (const [index, item] of items.entries())
            yield { rowNumber: index, values: item as Record<string, string | number> };
        })(),
        today,
        withOutcomes: true,
      });
      const response: IntakeResponse = {
        importId,
        summary: counts,
        items: outcomes.map((o) => ({
          index: o.rowNumber,
          outcome: o.outcome,
          fileReference: o.fileReference,
          error: o.issues ? describeIssues(o.issues, locale) : o.reason,
          warning: o.warnings ? describeIssues(o.warnings, locale) : null,
        })),
      };
      await client.query(
        `UPDATE import_batch SET status = 'DONE', counts = $3, finished_at = now() WHERE tenant_id = $1 AND id = $2`,
        [tenantId, importId, counts],
      );
      await client.query(
        `INSERT INTO idempotency_record (tenant_id, creditor_id, key, request_sha256, status, response)
       VALUES ($1, $2, $3, $4, 200, $5)`,
        [tenantId, creditorId, key, requestHash, response],
      );
      return { replayed: false, response };
    },
    // The merge runs as the import role, the only one allowed to turn row checks off (lib/db/raw.ts).
    { pool: importPool() },
  );
}
