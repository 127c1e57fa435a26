-- Measured on 1,000,000 files (npm run bench -- workspace): nothing found a file's plans by file, so the
-- file page and every queue refresh scanned all plans; and row-level security makes one-file reads look so
-- expensive that PostgreSQL JIT-compiled them for 0.5-4.5 s before running them in a millisecond.
CREATE INDEX payment_plan_tenant_id_file_id_idx ON payment_plan (tenant_id, file_id);
ALTER ROLE recouvra_app SET jit = off;
