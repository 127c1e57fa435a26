// npm run bench -- remittance [--creditors 1000] [--payments 200000] [--keep]
// One agency whose 1,000 creditors hold the money of 200,000 payments (entries, lines, commissions and balances as
// the ledger posts them, seeded with set-based SQL); then a remittance run proposed and approved through the
// application's own use-cases: the proposal reads what is held, the approval posts every transfer's entries and
// writes the run's pain.001 file after the ISO 20022 schema check. Beside it, a floor measured in the same run: one
// scan summing the same lines.
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { scratchDatabase } from './scratch-db';

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

function seedSteps(creditors: number, payments: number): [string, string][] {
  const files = Math.max(creditors, Math.floor(payments / 10));
  return [
    [
      'agency, staff, creditors, mandates',
      `CREATE FUNCTION pg_temp.uid(text) RETURNS uuid LANGUAGE sql IMMUTABLE
         AS $$ SELECT overlay(overlay(md5($1) PLACING '4' FROM 13) PLACING '8' FROM 17)::uuid $$;
       INSERT INTO agency (id, slug, name, legal_name, address, creditor_funds_iban, creditor_funds_bic)
         VALUES ('00000000-0000-4000-8000-00000000be4d', 'bench', 'Bench Recouvrement', 'Bench Recouvrement SAS',
                 '1 rue de la Paix, 75002 Paris', 'FR7630006000011234567890189', 'BNPAFRPPXXX');
       INSERT INTO identity (id, email, password_hash, name)
         SELECT pg_temp.uid('i' || n), 'manager' || n || '@bench.test', 'x', 'Responsable ' || n FROM generate_series(1, 2) n;
       INSERT INTO membership (tenant_id, id, identity_id, role)
         SELECT '00000000-0000-4000-8000-00000000be4d', pg_temp.uid('m' || n), pg_temp.uid('i' || n), 'MANAGER'
           FROM generate_series(1, 2) n;
       INSERT INTO creditor (tenant_id, id, code, name, address, postcode, city)
         SELECT '00000000-0000-4000-8000-00000000be4d', pg_temp.uid('cr' || n), 'CR' || n, 'Créancier ' || n,
                '1 rue du Commerce', '75015', 'Paris'
           FROM generate_series(1, ${creditors}) n;
       -- FR76 3000 4000 01 + an 11-digit account + key 00: the check digits computed by mod 97 in SQL.
       CREATE TEMP TABLE bench_iban AS
         SELECT n, '30004000' || lpad(n::text, 13, '0') || '00' AS bban FROM generate_series(1, ${creditors}) n;
       INSERT INTO mandate (tenant_id, id, creditor_id, reference, scope, starts_on, payout_iban, payout_bic,
                            remittance_mode)
         SELECT '00000000-0000-4000-8000-00000000be4d', pg_temp.uid('md' || b.n), pg_temp.uid('cr' || b.n),
                'MDT-BENCH-' || b.n, 'AMICABLE', '2024-01-01',
                'FR' || lpad((98 - (((b.bban || '152700')::numeric) % 97))::int::text, 2, '0') || b.bban, 'BNPAFRPPXXX',
                (CASE WHEN b.n % 3 = 0 THEN 'GROSS' ELSE 'NET' END)::"RemittanceMode"
           FROM bench_iban b`,
    ],
    [
      'debtors and files',
      `INSERT INTO debtor (tenant_id, id, kind, company_name, display_name)
         SELECT '00000000-0000-4000-8000-00000000be4d', pg_temp.uid('d' || i), 'COMPANY', 'Société ' || i,
                'Société ' || i FROM generate_series(1, ${files}) i;
       INSERT INTO case_file (tenant_id, id, reference, creditor_id, debtor_id, mandate_id, phase, status, placed_at,
                              nature)
         SELECT '00000000-0000-4000-8000-00000000be4d', pg_temp.uid('f' || i), 'B' || lpad(i::text, 7, '0'),
                pg_temp.uid('cr' || (1 + i % ${creditors})), pg_temp.uid('d' || i),
                pg_temp.uid('md' || (1 + i % ${creditors})), 'AMICABLE', 'IN_PROGRESS', now() - interval '200 days', 'B2B'
           FROM generate_series(1, ${files}) i`,
    ],
    [
      'payments, entries, lines, commissions',
      `CREATE TEMP TABLE bench_pay AS
         SELECT p, pg_temp.uid('p' || p) AS id, pg_temp.uid('e' || p) AS entry, pg_temp.uid('ec' || p) AS centry,
                1 + p % ${files} AS f, 1 + (1 + p % ${files}) % ${creditors} AS cr,
                (2000 + (hashint4(p)::bigint & 65535))::bigint AS cents,
                current_date - (p % 25) AS received_on
           FROM generate_series(1, ${payments}) p;
       UPDATE bench_pay SET cr = 1 + f % ${creditors};
       INSERT INTO payment (tenant_id, id, file_id, creditor_id, amount_cents, currency, method, received_on)
         SELECT '00000000-0000-4000-8000-00000000be4d', id, pg_temp.uid('f' || f), pg_temp.uid('cr' || cr), cents,
                'EUR', 'TRANSFER', received_on FROM bench_pay;
       INSERT INTO journal_entry (tenant_id, id, kind, effective_on, creditor_id, file_id, payment_id)
         SELECT '00000000-0000-4000-8000-00000000be4d', entry, 'PAYMENT', received_on, pg_temp.uid('cr' || cr),
                pg_temp.uid('f' || f), id FROM bench_pay
         UNION ALL
         SELECT '00000000-0000-4000-8000-00000000be4d', centry, 'COMMISSION', received_on, pg_temp.uid('cr' || cr),
                pg_temp.uid('f' || f), id FROM bench_pay;
       INSERT INTO journal_line (tenant_id, entry_id, line_no, account, creditor_id, file_id, amount_cents)
         SELECT '00000000-0000-4000-8000-00000000be4d', entry, 0, 'CREDITOR_FUNDS_BANK', pg_temp.uid('cr' || cr),
                pg_temp.uid('f' || f), cents FROM bench_pay
         UNION ALL
         SELECT '00000000-0000-4000-8000-00000000be4d', entry, 1, 'CREDITOR_FUNDS_PAYABLE', pg_temp.uid('cr' || cr),
                pg_temp.uid('f' || f), -cents FROM bench_pay
         UNION ALL
         SELECT '00000000-0000-4000-8000-00000000be4d', centry, 0, 'COMMISSION_RECEIVABLE', pg_temp.uid('cr' || cr),
                pg_temp.uid('f' || f), (cents * 15 / 100) * 12 / 10 FROM bench_pay
         UNION ALL
         SELECT '00000000-0000-4000-8000-00000000be4d', centry, 1, 'COMMISSION_EARNED', pg_temp.uid('cr' || cr),
                pg_temp.uid('f' || f), -(cents * 15 / 100) FROM bench_pay
         UNION ALL
         SELECT '00000000-0000-4000-8000-00000000be4d', centry, 2, 'VAT_COLLECTED', pg_temp.uid('cr' || cr),
                pg_temp.uid('f' || f), -((cents * 15 / 100) * 12 / 10 - cents * 15 / 100) FROM bench_pay;
       INSERT INTO payment_commission (tenant_id, payment_id, file_id, creditor_id, mandate_id, phase, base_cents,
                                       rate_bps, commission_cents, fee_cents, letters_charged, vat_rate_bps, vat_cents,
                                       terms)
         SELECT '00000000-0000-4000-8000-00000000be4d', id, pg_temp.uid('f' || f), pg_temp.uid('cr' || cr),
                pg_temp.uid('md' || cr), 'AMICABLE', cents, 1500, cents * 15 / 100, 0, 0, 2000,
                (cents * 15 / 100) * 12 / 10 - cents * 15 / 100, '{}' FROM bench_pay;
       -- The balances the posting trigger would have kept (replica mode skips it).
       INSERT INTO ledger_balance (tenant_id, account, creditor_id, balance_cents)
         SELECT tenant_id, account, coalesce(creditor_id, '00000000-0000-0000-0000-000000000000'), sum(amount_cents)
           FROM journal_line GROUP BY 1, 2, 3`,
    ],
  ];
}

export async function run(args: string[]) {
  const { values } = parseArgs({
    args,
    options: {
      creditors: { type: 'string', default: '1000' },
      payments: { type: 'string', default: '200000' },
      keep: { type: 'boolean', default: false },
    },
  });
  const creditors = Number(values.creditors);
  const payments = Number(values.payments);
  const db = await scratchDatabase('remittance');
  const owner = new pg.Client({ connectionString: db.ownerUrl });
  await owner.connect();
  try {
    console.log(
      `remittance benchmark: ${creditors.toLocaleString('en')} creditors, ${payments.toLocaleString('en')} payments`,
    );
    await owner.query(`SET session_replication_role = replica; SET synchronous_commit = off; SET work_mem = '128MB'`);
    for (const [label, sql] of seedSteps(creditors, payments)) {
      const started = performance.now();
      await owner.query(sql);
      console.log(`  seed ${label.padEnd(40)} ${seconds(performance.now() - started)}`);
    }
    await owner.query('SET session_replication_role = origin');
    await owner.query('ANALYZE');

    // Imported after the scratch database is chosen: the app's modules read the URL when first loaded.
    const { resolveActor } = await import('../../lib/tenancy/resolve-actor');
    const { proposeRemittance } = await import('../../lib/remittances/propose-remittance');
    const { approvePayout } = await import('../../lib/remittances/approve-payout');
    const tenantId = '00000000-0000-4000-8000-00000000be4d';
    const members = await owner.query<{ id: string; identity_id: string }>(
      `SELECT id, identity_id FROM membership WHERE tenant_id = $1 ORDER BY id`,
      [tenantId],
    );
    const actor = await resolveActor({
      tenantId,
      membershipId: members.rows[0]!.id,
      identityId: members.rows[0]!.identity_id,
    });

    // The floor: one scan summing what each creditor is owed, the least any remittance run must read.
    const floorStarted = performance.now();
    await owner.query(
      `SELECT creditor_id, sum(amount_cents) FROM journal_line
        WHERE tenant_id = $1 AND account = 'CREDITOR_FUNDS_PAYABLE' GROUP BY creditor_id`,
      [tenantId],
    );
    const floor = performance.now() - floorStarted;

    const started = performance.now();
    const proposed = await proposeRemittance({ actor });
    const proposedAt = performance.now();
    await approvePayout({ actor, runId: proposed.runId });
    const done = performance.now();
    const [file] = (
      await owner.query<{ bytes: number }>(`SELECT octet_length(xml) AS bytes FROM payout_file WHERE run_id = $1`, [
        proposed.runId,
      ])
    ).rows;
    console.log(`  run: ${proposed.transfers} transfers, ${proposed.payments} payments, pain.001 ${file!.bytes} bytes`);
    console.log(`  floor (one scan of the creditors' lines)  ${seconds(floor)}`);
    console.log(`  propose                                   ${seconds(proposedAt - started)}`);
    console.log(`  approve (entries, pain.001, XSD check)    ${seconds(done - proposedAt)}`);
    console.log(
      `  total                                     ${seconds(done - started)}  (${((done - started) / floor).toFixed(1)}× the floor; target < 10 s)`,
    );
  } finally {
    await owner.end();
    if (!values.keep) await db.drop();
  }
}
