-- Why a closed file is reopened (issue 16, lib/closing/rules.ts REOPENS_FOR): besides a payment and the debtor found
-- again, assets found after an insolvency closed for lack of them (C. com. L643-13), an estate after all, and a
-- time-barred debt the debtor acknowledged (C. civ. 2250-2251).
ALTER TABLE file_reopening DROP CONSTRAINT file_reopening_reason_check;
ALTER TABLE file_reopening ADD CONSTRAINT file_reopening_reason_check
  CHECK (reason IN ('NEW_PAYMENT', 'DEBTOR_FOUND', 'NEW_ASSETS', 'ESTATE_FOUND', 'DEBT_ACKNOWLEDGED'));
