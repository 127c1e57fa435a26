-- What La Poste says became of a registered letter (lib/scenarios/record-registered-mail.ts): distributed, returned
-- "pli avisé non réclamé", or returned because the addressee is unknown at the address. NULL = not known yet.
CREATE TYPE "DeliveryOutcome" AS ENUM ('DELIVERED', 'UNCLAIMED', 'UNKNOWN_ADDRESS');
ALTER TABLE document ADD COLUMN delivery_outcome "DeliveryOutcome";

-- A La Poste number identifies one posted item: two letters of an agency can never share one, whichever way it was
-- entered (by hand or from the mailing house's file). Replaces the plain lookup index on the same columns.
DROP INDEX document_tracking_idx;
CREATE UNIQUE INDEX document_tracking_number_key ON document (tenant_id, tracking_number)
  WHERE tracking_number IS NOT NULL;

-- The mailing house's file names each letter by its reference (the print-run manifest's letter_reference).
CREATE INDEX document_tenant_id_reference_idx ON document (tenant_id, reference);
-- A run's letters, in the order the print job draws them and the print-runs page counts them (tracked, AR).
CREATE INDEX document_tenant_id_print_run_id_created_at_id_idx ON document (tenant_id, print_run_id, created_at, id);
