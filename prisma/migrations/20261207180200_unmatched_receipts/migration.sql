-- Bank credits nobody matched yet are the agency's to account for (issue 15): posted to UNMATCHED_RECEIPTS when
-- imported, moved out when an agent assigns them to a file (a payment taken from that account) or sends them back.
-- The entry names the bank credit it records; one receipt and one return per credit at most.
ALTER TABLE journal_entry ADD COLUMN bank_entry_id uuid;
ALTER TABLE journal_entry
  ADD FOREIGN KEY (tenant_id, bank_entry_id) REFERENCES bank_entry (tenant_id, id),
  ADD UNIQUE (tenant_id, bank_entry_id, kind);

-- Credits imported before this migration and still waiting (doubtful or unmatched) get their receipt now, for what
-- is left of them, so the books say what the bank holds for nobody yet.
CREATE TEMP TABLE waiting_credit ON COMMIT DROP AS
SELECT e.tenant_id, gen_random_uuid() AS id, e.id AS bank_entry_id, e.booking_date,
       e.amount_cents - coalesce((SELECT sum(p.amount_cents) FROM bank_entry_payment p
                                   WHERE p.tenant_id = e.tenant_id AND p.entry_id = e.id), 0) AS left_cents
  FROM bank_entry e
 WHERE e.direction = 'CREDIT' AND NOT e.reversal AND e.status IN ('DOUBTFUL', 'UNMATCHED');
DELETE FROM waiting_credit WHERE left_cents <= 0;

INSERT INTO journal_entry (tenant_id, id, kind, effective_on, bank_entry_id)
SELECT tenant_id, id, 'UNMATCHED_RECEIPT', booking_date, bank_entry_id FROM waiting_credit;
INSERT INTO journal_line (tenant_id, entry_id, line_no, account, amount_cents)
SELECT tenant_id, id, 0, 'CREDITOR_FUNDS_BANK', left_cents FROM waiting_credit
UNION ALL
SELECT tenant_id, id, 1, 'UNMATCHED_RECEIPTS', -left_cents FROM waiting_credit;
