import { readFileSync } from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBalance } from '../../lib/accounting/ledger-chart';
import {
  commissionEntry,
  commissionSettlementEntry,
  paymentEntry,
  remittanceEntry,
  type EntryDraft,
} from '../../lib/accounting/ledger-entries';
import { postEntry } from '../../lib/accounting/post-entry';
import { dayIn } from '../../lib/dates/days';
import { seedAgency } from '../../lib/demo/seed-agency';
import { seedCollections } from '../../lib/demo/collections';
import { inTenant } from '../../lib/db/tenant';
import { recordPayment } from '../../lib/payments/record-payment';
import { reversePayment } from '../../lib/payments/reverse-payment';
import type { Actor } from '../../lib/tenancy/actor';
import { actorFor } from './support/actors';
import { appRoleClient, ownerClient, ownerDb, uniqueSlug } from './support/db';

// The database guards the books itself: an entry that does not balance never commits, a posted line is never
// changed, and the balance table is what replaying the lines gives. Tried as the web role, with plain SQL.

const owner = ownerDb();
let web: pg.Client;
let tenantId: string;
let manager: Actor;
let creditorUser: Actor;
let creditors: string[];

beforeAll(async () => {
  ({ tenantId } = await seedAgency(owner, {
    slug: uniqueSlug('ledger'),
    name: 'Ledger',
    seed: 41,
    files: 24,
    password: 'x-password-1',
  }));
  // The demo's money, as `npm run seed` writes it: payments, two reversals, their entries and commissions.
  await seedCollections(owner, tenantId, { seed: 54 });
  [manager, creditorUser] = await Promise.all([
    actorFor(owner, tenantId, 'MANAGER'),
    actorFor(owner, tenantId, 'CREDITOR'),
  ]);
  creditors = (await owner.creditor.findMany({ where: { tenantId }, select: { id: true } })).map((c) => c.id);
  web = await appRoleClient();
});
afterAll(async () => {
  await web.end();
  await owner.$disconnect();
});

async function asWeb<T>(work: () => Promise<T>, { creditorId = '', commit = false } = {}): Promise<T> {
  await web.query('BEGIN');
  try {
    await web.query(`SELECT set_config('app.tenant_id', $1, true), set_config('app.creditor_id', $2, true)`, [
      tenantId,
      creditorId,
    ]);
    const result = await work();
    await web.query(commit ? 'COMMIT' : 'ROLLBACK');
    return result;
  } catch (error) {
    await web.query('ROLLBACK');
    throw error;
  }
}

async function insertEntry(lines: { account: string; cents: number }[], creditorId = creditors[0]!) {
  const id = randomUUID();
  await web.query(
    `INSERT INTO journal_entry (tenant_id, id, kind, effective_on, creditor_id) VALUES ($1, $2, 'REMITTANCE', current_date, $3)`,
    [tenantId, id, creditorId],
  );
  for (const [i, l] of lines.entries()) {
    await web.query(
      `INSERT INTO journal_line (tenant_id, entry_id, line_no, account, creditor_id, amount_cents) VALUES ($1, $2, $3, $4, $5, $6)`,
      [tenantId, id, i, l.account, creditorId, l.cents],
    );
  }
  return id;
}

/** Every sub-account's balance, replayed from the lines, against the balance table. */
async function replayMatchesBalances(client: pg.Client, tenant: string) {
  const { rows } = await client.query<{ account: string; creditor: string; replayed: string; stored: string }>(
    `WITH replay AS (
       SELECT account, coalesce(creditor_id, '00000000-0000-0000-0000-000000000000') AS creditor, sum(amount_cents) AS cents
         FROM journal_line WHERE tenant_id = $1 GROUP BY 1, 2)
     SELECT coalesce(r.account, b.account) AS account, coalesce(r.creditor, b.creditor_id)::text AS creditor,
            coalesce(r.cents, 0)::text AS replayed, coalesce(b.balance_cents, 0)::text AS stored
       FROM replay r FULL JOIN (SELECT * FROM ledger_balance WHERE tenant_id = $1) b
         ON b.account = r.account AND b.creditor_id = r.creditor`,
    [tenant],
  );
  return rows.filter((r) => r.replayed !== r.stored);
}

describe('the database refuses what would corrupt the books', () => {
  it('an entry whose lines do not sum to zero does not commit (checked at COMMIT, deferred)', async () => {
    await expect(
      asWeb(
        () =>
          insertEntry([
            { account: 'CREDITOR_FUNDS_PAYABLE', cents: 1000 },
            { account: 'CREDITOR_FUNDS_BANK', cents: -999 },
          ]),
        {
          commit: true,
        },
      ),
    ).rejects.toMatchObject({ code: '23514', hint: 'ledger.unbalanced' });
  });

  it('an entry with one line, or none, does not commit', async () => {
    await expect(
      asWeb(() => insertEntry([{ account: 'CREDITOR_FUNDS_BANK', cents: 1 }]), { commit: true }),
    ).rejects.toMatchObject({ code: '23514' });
    await expect(asWeb(() => insertEntry([]), { commit: true })).rejects.toMatchObject({ code: '23514' });
  });

  it('a balanced entry commits, and lines added to it later are refused at their COMMIT', async () => {
    const id = await asWeb(
      () =>
        insertEntry([
          { account: 'CREDITOR_FUNDS_PAYABLE', cents: 500 },
          { account: 'CREDITOR_FUNDS_BANK', cents: -500 },
        ]),
      { commit: true },
    );
    await expect(
      asWeb(
        () =>
          web.query(
            `INSERT INTO journal_line (tenant_id, entry_id, line_no, account, creditor_id, amount_cents) VALUES ($1, $2, 9, 'CREDITOR_FUNDS_BANK', $3, 7)`,
            [tenantId, id, creditors[0]],
          ),
        { commit: true },
      ),
    ).rejects.toMatchObject({ code: '23514' });
    // A correction is a new entry, the mirror of the first.
    await asWeb(
      () =>
        insertEntry([
          { account: 'CREDITOR_FUNDS_PAYABLE', cents: -500 },
          { account: 'CREDITOR_FUNDS_BANK', cents: 500 },
        ]),
      { commit: true },
    );
  });

  it('the web role can neither UPDATE nor DELETE a posted line or entry, nor move a balance', async () => {
    const { rows } = await asWeb(() => web.query<{ entry_id: string }>('SELECT entry_id FROM journal_line LIMIT 1'));
    const entry = rows[0]!.entry_id;
    for (const sql of [
      `UPDATE journal_line SET amount_cents = amount_cents + 1 WHERE entry_id = '${entry}'`,
      `DELETE FROM journal_line WHERE entry_id = '${entry}'`,
      `UPDATE journal_entry SET effective_on = effective_on + 1 WHERE id = '${entry}'`,
      `DELETE FROM journal_entry WHERE id = '${entry}'`,
      `UPDATE ledger_balance SET balance_cents = 0`,
      `INSERT INTO ledger_balance (tenant_id, account, creditor_id, balance_cents) VALUES ('${tenantId}', 'AGENCY_BANK', '${creditors[0]}', 1)`,
      `UPDATE payment_commission SET commission_cents = 0`,
    ]) {
      await expect(
        asWeb(() => web.query(sql)),
        sql,
      ).rejects.toMatchObject({ code: '42501' });
    }
  });

  it('even the owner, who may, is refused by the trigger: the ledger is append-only for everyone', async () => {
    const client = await ownerClient();
    try {
      await expect(client.query('UPDATE journal_line SET amount_cents = amount_cents * 2')).rejects.toMatchObject({
        hint: 'ledger.append_only',
      });
      await expect(client.query('DELETE FROM journal_entry')).rejects.toMatchObject({ hint: 'ledger.append_only' });
    } finally {
      await client.end();
    }
  });

  it('a creditor sub-account without its creditor is refused', async () => {
    await expect(
      asWeb(() =>
        insertEntry(
          [
            { account: 'CREDITOR_FUNDS_PAYABLE', cents: 5 },
            { account: 'CREDITOR_FUNDS_BANK', cents: -5 },
          ],
          null as never,
        ),
      ),
    ).rejects.toMatchObject({ hint: 'ledger.creditor_needed' });
  });

  it('a creditor user reads only its own creditor’s lines and balances, and cannot post', async () => {
    const own = creditorUser.creditorId!;
    const seen = await asWeb(
      async () => {
        const lines = await web.query<{ creditor_id: string | null }>('SELECT DISTINCT creditor_id FROM journal_line');
        const balances = await web.query<{ creditor_id: string }>('SELECT DISTINCT creditor_id FROM ledger_balance');
        const commissions = await web.query<{ creditor_id: string }>(
          'SELECT DISTINCT creditor_id FROM payment_commission',
        );
        return [...lines.rows, ...balances.rows, ...commissions.rows].map((r) => r.creditor_id);
      },
      { creditorId: own },
    );
    expect(seen.length).toBeGreaterThan(0);
    expect(new Set(seen)).toEqual(new Set([own]));
    const other = creditors.find((c) => c !== own)!;
    await expect(
      asWeb(
        () =>
          insertEntry(
            [
              { account: 'CREDITOR_FUNDS_PAYABLE', cents: 5 },
              { account: 'CREDITOR_FUNDS_BANK', cents: -5 },
            ],
            other,
          ),
        { creditorId: own },
      ),
    ).rejects.toMatchObject({ code: '42501' });
  });
});

describe('the demo books open balanced', () => {
  it('every payment and reversal of the seed has its entry; every entry balances; balances replay', async () => {
    const client = await ownerClient();
    try {
      const missing = await client.query(
        `SELECT p.id FROM payment p WHERE p.tenant_id = $1
            AND NOT EXISTS (SELECT 1 FROM journal_entry e WHERE e.tenant_id = p.tenant_id AND e.payment_id = p.id)`,
        [tenantId],
      );
      expect(await owner.payment.count({ where: { tenantId } })).toBeGreaterThan(3);
      expect(missing.rows).toEqual([]);
      const unbalanced = await client.query(
        `SELECT entry_id FROM journal_line WHERE tenant_id = $1 GROUP BY entry_id HAVING sum(amount_cents) <> 0`,
        [tenantId],
      );
      expect(unbalanced.rows).toEqual([]);
      expect(await replayMatchesBalances(client, tenantId)).toEqual([]);
      // Funds held for each creditor = what the payments imputed to its claims (the seed has no credits).
      const { rows } = await client.query<{ creditor_id: string; held: string; imputed: string }>(
        `SELECT c.id AS creditor_id,
                (SELECT coalesce(-sum(amount_cents), 0) FROM journal_line l
                  WHERE l.tenant_id = c.tenant_id AND l.creditor_id = c.id AND l.account = 'CREDITOR_FUNDS_PAYABLE')::text AS held,
                (SELECT coalesce(sum(a.amount_cents), 0) FROM allocation a JOIN payment p ON p.tenant_id = a.tenant_id AND p.id = a.payment_id
                  WHERE p.tenant_id = c.tenant_id AND p.creditor_id = c.id AND a.part <> 'CREDIT'
                    AND p.method <> 'DIRECT_TO_CREDITOR')::text AS imputed
           FROM creditor c WHERE c.tenant_id = $1`,
        [tenantId],
      );
      for (const r of rows) expect(r.held, r.creditor_id).toBe(r.imputed);
      // The seed's commissions were posted too.
      const { rows: earned } = await client.query<{ n: string }>(
        `SELECT count(*)::text AS n FROM journal_entry WHERE tenant_id = $1 AND kind = 'COMMISSION'`,
        [tenantId],
      );
      expect(Number(earned[0]!.n)).toBeGreaterThan(0);
    } finally {
      await client.end();
    }
  });

  it('the migration gives payments recorded before the ledger their entries (its backfill, run again)', async () => {
    const sql = readFileSync(
      path.resolve(__dirname, '../../prisma/migrations/20261207154000_ledger/migration.sql'),
      'utf8',
    );
    const backfill = sql.slice(sql.indexOf('-- Existing payments get their entries'));
    const file = await owner.caseFile.findFirstOrThrow({ where: { tenantId, status: 'IN_PROGRESS' } });
    const claim = await owner.claim.findFirstOrThrow({ where: { tenantId, fileId: file.id } });
    // As the old code did: a payment of €120 (€20 beyond the claims), one paid to the creditor, one reversed.
    const mk = async (
      amount: number,
      method: 'TRANSFER' | 'DIRECT_TO_CREDITOR' | 'CHEQUE',
      reversesId: string | null,
      credit = 0,
    ) => {
      const p = await owner.payment.create({
        data: {
          tenantId,
          fileId: file.id,
          creditorId: file.creditorId,
          amountCents: BigInt(amount),
          method,
          receivedOn: new Date('2026-01-05T00:00:00Z'),
          reversesId,
        },
      });
      await owner.allocation.createMany({
        data: [
          {
            tenantId,
            paymentId: p.id,
            fileId: file.id,
            claimId: claim.id,
            part: 'PRINCIPAL' as const,
            amountCents: BigInt(amount - credit),
          },
          ...(credit
            ? [
                {
                  tenantId,
                  paymentId: p.id,
                  fileId: file.id,
                  claimId: null,
                  part: 'CREDIT' as const,
                  amountCents: BigInt(credit),
                },
              ]
            : []),
        ],
      });
      return p.id;
    };
    const client = await ownerClient();
    try {
      const paid = await mk(12_000, 'TRANSFER', null, 2_000);
      const direct = await mk(5_000, 'DIRECT_TO_CREDITOR', null);
      const bounced = await mk(3_000, 'CHEQUE', null);
      const reversal = await mk(-3_000, 'CHEQUE', bounced);
      await client.query('BEGIN');
      await client.query(backfill);
      await client.query('COMMIT');
      const lines = async (paymentId: string) =>
        (
          await client.query<{ kind: string; account: string; cents: string }>(
            `SELECT e.kind, l.account, l.amount_cents::text AS cents FROM journal_entry e
               JOIN journal_line l ON l.tenant_id = e.tenant_id AND l.entry_id = e.id
              WHERE e.tenant_id = $1 AND e.payment_id = $2 ORDER BY l.line_no`,
            [tenantId, paymentId],
          )
        ).rows;
      expect(await lines(paid)).toEqual([
        { kind: 'PAYMENT', account: 'CREDITOR_FUNDS_BANK', cents: '12000' },
        { kind: 'PAYMENT', account: 'CREDITOR_FUNDS_PAYABLE', cents: '-10000' },
        { kind: 'PAYMENT', account: 'DEBTOR_CREDIT_HELD', cents: '-2000' },
      ]);
      expect(await lines(direct)).toEqual([
        { kind: 'DIRECT_PAYMENT', account: 'DIRECT_COLLECTED', cents: '5000' },
        { kind: 'DIRECT_PAYMENT', account: 'DIRECT_COLLECTED_CONTRA', cents: '-5000' },
      ]);
      expect(await lines(reversal)).toEqual([
        { kind: 'PAYMENT_REVERSAL', account: 'CREDITOR_FUNDS_BANK', cents: '-3000' },
        { kind: 'PAYMENT_REVERSAL', account: 'CREDITOR_FUNDS_PAYABLE', cents: '3000' },
      ]);
      const { rows } = await client.query<{ reverses: string }>(
        `SELECT r.reverses_id::text AS reverses FROM journal_entry r WHERE r.tenant_id = $1 AND r.payment_id = $2`,
        [tenantId, reversal],
      );
      const { rows: orig } = await client.query<{ id: string }>(
        `SELECT id::text FROM journal_entry WHERE tenant_id = $1 AND payment_id = $2`,
        [tenantId, bounced],
      );
      expect(rows[0]!.reverses).toBe(orig[0]!.id);
      // Run twice, it posts nothing more.
      await client.query('BEGIN');
      await client.query(backfill);
      await client.query('COMMIT');
      expect(await lines(paid)).toHaveLength(3);
      expect(await replayMatchesBalances(client, tenantId)).toEqual([]);
    } finally {
      await client.end();
    }
  });
});

describe('payments post their entries through the use-cases', () => {
  it('a payment posts the money and its commission; its reversal posts the mirror of both', async () => {
    const file = await owner.caseFile.findFirstOrThrow({
      where: { tenantId, status: 'IN_PROGRESS', principalCents: { gt: 20_000n } },
      include: { mandate: true },
    });
    const paid = await recordPayment({
      actor: manager,
      fileId: file.id,
      amount: '100',
      method: 'TRANSFER',
      receivedOn: dayIn('Europe/Paris'),
      expectedVersion: file.version,
    });
    expect(paid.commissionCents).toBeGreaterThan(0);
    const entries = await owner.journalEntry.findMany({
      where: { tenantId, paymentId: paid.paymentId },
      include: { lines: true },
      orderBy: { seq: 'asc' },
    });
    expect(entries.map((e) => e.kind)).toEqual(['PAYMENT', 'COMMISSION']);
    const commission = entries[1]!.lines;
    expect(commission.find((l) => l.account === 'COMMISSION_EARNED')!.amountCents).toBe(BigInt(-paid.commissionCents));
    expect(commission.find((l) => l.account === 'VAT_COLLECTED')!.amountCents).toBe(BigInt(-paid.vatCents));
    expect(paid.vatCents).toBe(Math.round((paid.commissionCents * 2000) / 10_000));

    const reversed = await reversePayment({ actor: manager, paymentId: paid.paymentId, reason: 'Chèque impayé' });
    const mirror = await owner.journalEntry.findMany({
      where: { tenantId, paymentId: reversed.reversalId },
      include: { lines: true },
      orderBy: { seq: 'asc' },
    });
    expect(mirror.map((e) => [e.kind, e.reversesId])).toEqual([
      ['PAYMENT_REVERSAL', entries[0]!.id],
      ['COMMISSION_REVERSAL', entries[1]!.id],
    ]);
    const net = [...entries, ...mirror].flatMap((e) => e.lines).reduce((s, l) => s + l.amountCents, 0n);
    expect(net).toBe(0n);
    const commissions = await owner.paymentCommission.findMany({ where: { tenantId, fileId: file.id } });
    expect(commissions.reduce((s, c) => s + c.commissionCents, 0n)).toBe(
      commissions
        .filter((c) => c.paymentId !== paid.paymentId && c.paymentId !== reversed.reversalId)
        .reduce((s, c) => s + c.commissionCents, 0n),
    );
  });
});

// Random sequences of events posted to the real database: every entry commits only if it balances, funds held
// = paid in − remitted − commission taken, and the balance table equals the replayed lines.
describe('ledger properties against PostgreSQL (fast-check)', () => {
  it('random money events keep the books balanced and the stored balances equal to the replay', async () => {
    const file = await owner.caseFile.findFirstOrThrow({ where: { tenantId, creditorId: creditors[0] } });
    const party = { creditorId: creditors[0]!, fileId: file.id };
    const step = fc.oneof(
      fc.record({
        type: fc.constant('pay' as const),
        amount: fc.integer({ min: 1, max: 1_000_000 }),
        credit: fc.integer({ min: 0, max: 5_000 }),
        commission: fc.integer({ min: 0, max: 50_000 }),
      }),
      fc.record({ type: fc.constant('settle' as const), share: fc.integer({ min: 0, max: 100 }) }),
      fc.record({ type: fc.constant('remit' as const), share: fc.integer({ min: 0, max: 100 }) }),
    );
    const payable = async () =>
      (
        await owner.ledgerBalance.findFirst({
          where: { tenantId, account: 'CREDITOR_FUNDS_PAYABLE', creditorId: creditors[0]! },
        })
      )?.balanceCents ?? 0n;
    const receivable = async () =>
      (
        await owner.ledgerBalance.findFirst({
          where: { tenantId, account: 'COMMISSION_RECEIVABLE', creditorId: creditors[0]! },
        })
      )?.balanceCents ?? 0n;
    const client = await ownerClient();
    try {
      await fc.assert(
        fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 12 }), async (steps) => {
          const heldBefore = readBalance('CREDITOR_FUNDS_PAYABLE', await payable());
          let paidIn = 0n;
          let remitted = 0n;
          let taken = 0n;
          for (const s of steps) {
            const drafts: EntryDraft[] = [];
            const held = readBalance('CREDITOR_FUNDS_PAYABLE', await payable());
            if (s.type === 'pay') {
              const credit = BigInt(Math.min(s.credit, s.amount - 1));
              drafts.push(paymentEntry(party, { amountCents: BigInt(s.amount), creditCents: credit }));
              const commission = BigInt(Math.min(s.commission, s.amount - Number(credit)));
              if (commission > 0n)
                drafts.push(commissionEntry(party, { commissionCents: commission, vatCents: commission / 5n }));
              paidIn += BigInt(s.amount) - credit;
            } else if (s.type === 'settle') {
              const due = await receivable();
              const amount = ((due < held ? due : held) * BigInt(s.share)) / 100n;
              if (amount > 0n) drafts.push(commissionSettlementEntry(party, { amountCents: amount }));
              taken += amount > 0n ? amount : 0n;
            } else {
              const amount = (held * BigInt(s.share)) / 100n;
              if (amount > 0n) drafts.push(remittanceEntry(party, { amountCents: amount }));
              remitted += amount > 0n ? amount : 0n;
            }
            await inTenant({ tenantId }, async (tx) => {
              for (const d of drafts)
                await postEntry(
                  tx,
                  { tenantId, effectiveOn: '2026-12-01', creditorId: party.creditorId, fileId: file.id },
                  d,
                );
            });
          }
          const heldAfter = readBalance('CREDITOR_FUNDS_PAYABLE', await payable());
          expect(heldAfter - heldBefore).toBe(paidIn - remitted - taken);
          expect(await replayMatchesBalances(client, tenantId)).toEqual([]);
          const { rows } = await client.query(
            `SELECT entry_id FROM journal_line WHERE tenant_id = $1 GROUP BY entry_id HAVING sum(amount_cents) <> 0`,
            [tenantId],
          );
          expect(rows).toEqual([]);
        }),
        { numRuns: 15 },
      );
    } finally {
      await client.end();
    }
  }, 120_000);
});
