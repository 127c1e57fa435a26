-- The closings page's chart of closing reasons by creditor and month (issue 16) reads the decided closings of the
-- last twelve months: by the day they were decided, closed ones only.
CREATE INDEX file_closing_decided_idx ON file_closing (tenant_id, decided_at) WHERE status = 'CLOSED';
