-- Card and SEPA direct-debit payments through a payment provider (issue 17, decision 0020): the money lands on the
-- agency's own account at the provider (a Stripe Connect account paid out to its creditors'-funds account), the
-- provider's signed notice records the payment through the payment use-case, once per event and once per checkout.

-- The agency's connected account at the provider, set by an admin; none: the page offers no card payment.
ALTER TABLE agency ADD COLUMN stripe_account_id text CHECK (stripe_account_id ~ '^acct_[A-Za-z0-9]{1,64}$');
-- One agency per account: the provider's notice names the account, and the account names the agency.
CREATE UNIQUE INDEX agency_stripe_account_idx ON agency (stripe_account_id);

-- A payment the debtor started on their page: the file and link it was started from, the amount asked, and the
-- provider's session once the provider made it. Its id travels in the session's metadata and comes back with the
-- provider's notice, which must name the same agency, file and link.
CREATE TABLE provider_checkout (
  tenant_id uuid NOT NULL REFERENCES agency (id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  provider text NOT NULL CHECK (provider IN ('STRIPE')),
  session_id text,
  file_id uuid NOT NULL,
  link_id uuid NOT NULL,
  amount_cents bigint NOT NULL CHECK (amount_cents >= 100),
  currency char(3) NOT NULL,
  created_at timestamptz(6) NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, provider, session_id),
  FOREIGN KEY (tenant_id, file_id) REFERENCES case_file (tenant_id, id),
  FOREIGN KEY (tenant_id, link_id) REFERENCES debtor_link (tenant_id, id)
);
CREATE INDEX provider_checkout_file_idx ON provider_checkout (tenant_id, file_id);

-- Every provider notice acted on, keyed by the provider's event id and written in the transaction of what it did
-- (the payment, for a paid one): a notice delivered twice finds its row and does nothing more.
CREATE TABLE provider_event (
  tenant_id uuid NOT NULL REFERENCES agency (id),
  provider text NOT NULL CHECK (provider IN ('STRIPE')),
  event_id text NOT NULL CHECK (length(event_id) BETWEEN 1 AND 255),
  -- The provider's event type, e.g. checkout.session.completed.
  event_type text NOT NULL CHECK (length(event_type) BETWEEN 1 AND 100),
  checkout_id uuid NOT NULL,
  outcome text NOT NULL CHECK (outcome IN ('PAID', 'PENDING', 'FAILED')),
  payment_id uuid,
  received_at timestamptz(6) NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, provider, event_id),
  FOREIGN KEY (tenant_id, checkout_id) REFERENCES provider_checkout (tenant_id, id),
  FOREIGN KEY (tenant_id, payment_id) REFERENCES payment (tenant_id, id),
  CHECK ((outcome = 'PAID') = (payment_id IS NOT NULL))
);
-- One payment per checkout, whichever notice brought it (a card's completed session, a debit's later success).
CREATE UNIQUE INDEX provider_event_paid_idx ON provider_event (tenant_id, checkout_id) WHERE payment_id IS NOT NULL;

ALTER TABLE provider_checkout ENABLE ROW LEVEL SECURITY;
ALTER TABLE provider_checkout FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON provider_checkout USING (tenant_id = (SELECT app_tenant_id()))
  WITH CHECK (tenant_id = (SELECT app_tenant_id()));
CREATE POLICY creditor_scope ON provider_checkout AS RESTRICTIVE USING ((SELECT app_creditor_id()) IS NULL);

ALTER TABLE provider_event ENABLE ROW LEVEL SECURITY;
ALTER TABLE provider_event FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON provider_event USING (tenant_id = (SELECT app_tenant_id()))
  WITH CHECK (tenant_id = (SELECT app_tenant_id()));
CREATE POLICY creditor_scope ON provider_event AS RESTRICTIVE USING ((SELECT app_creditor_id()) IS NULL);

GRANT SELECT, INSERT ON provider_checkout TO recouvra_app;
GRANT UPDATE (session_id) ON provider_checkout TO recouvra_app;
GRANT SELECT, INSERT ON provider_event TO recouvra_app;
GRANT UPDATE (stripe_account_id) ON agency TO recouvra_app;
