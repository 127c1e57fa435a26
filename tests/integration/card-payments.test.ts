import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedAgency } from '../../lib/demo/seed-agency';
import { assignScenario } from '../../lib/scenarios/assign-scenario';
import { startCaptureServer, type CaptureServer } from '../../lib/mail/capture-server';
import { smtpSender, type MailSender } from '../../lib/mail/transport';
import { deliverMessage } from '../../lib/outbox/deliver-message';
import { debtorPage } from '../../lib/debtor-page/queries';
import { startCardPayment } from '../../lib/debtor-page/start-card-payment';
import type { DebtorSession } from '../../lib/debtor-page/rules';
import { hashLinkToken } from '../../lib/debtor-links/token';
import { stripeProvider } from '../../lib/payment-provider/stripe';
import { receiveNotice } from '../../lib/payment-provider/receive-notice';
import type { PaymentProvider } from '../../lib/payment-provider/provider';
import { toErrorBody } from '../../lib/errors/describe';
import { setProviderAccount } from '../../lib/payment-provider/set-provider-account';
import type { Actor } from '../../lib/tenancy/actor';
import { signedNotice, startFakeStripeApi, type FakeStripeApi } from '../fakes/stripe-api';
import { actorFor } from './support/actors';
import { ownerDb, uniqueSlug } from './support/db';
import { makeDebtorFile, makeScenario, TEST_IBAN } from './support/scenario-fixtures';
import { RETURN_REF_PATTERN } from '../../lib/debtor-page/provider-return';

// Card and SEPA direct-debit payments (issue 17, decision 0020): the checkout made through Stripe's official library
// against a local server standing in for Stripe's API, and the provider's notices signed with the library's own
// helper — recorded once through the payment use-case (receipt e-mailed to the capture SMTP server, creditor told,
// scenario stopped), refused when forged, ignored when they name another agency's account, file or link.
const owner = ownerDb();
const SECRET = 'whsec_test_recouvra_integration';
const BASE = 'https://recouvra.test';

let api: FakeStripeApi;
let provider: PaymentProvider;
let capture: CaptureServer;
let mail: MailSender;
let tenantA: string;
let tenantB: string;
let accountA: string;
let accountB: string;
let managerA: Actor;
let managerB: Actor;

interface Linked {
  tenantId: string;
  fileId: string;
  token: string;
  session: DebtorSession;
}

/** A debtor's file placed a month ago, its scenario running, and a session of its private link. */
async function linkedFile(tenantId: string, actor: Actor, principalCents = 45_000): Promise<Linked> {
  const versionId = await makeScenario(owner, tenantId, [
    { delay: { days: 0, kind: 'CALENDAR', from: 'PLACEMENT' }, channels: ['SIMPLE_LETTER'], deadlineDays: 8 },
    { delay: { days: 30, kind: 'CALENDAR', from: 'PREVIOUS_STEP' }, channels: ['FORMAL_NOTICE'], deadlineDays: 8 },
  ] as never);
  const placedAt = new Date(Date.now() - 30 * 86_400_000);
  const fileId = await makeDebtorFile(owner, tenantId, { kind: 'PERSON', principalCents, placedAt });
  // Fallen due before the file was placed, as a claim handed to an agency is.
  await owner.claim.updateMany({
    where: { tenantId, fileId },
    data: {
      issuedOn: new Date(placedAt.getTime() - 90 * 86_400_000),
      dueOn: new Date(placedAt.getTime() - 60 * 86_400_000),
    },
  });
  await assignScenario({ actor, input: { fileId, scenarioVersionId: versionId } });
  const token = randomBytes(18).toString('base64url');
  const link = await owner.debtorLink.create({
    data: {
      tenantId,
      fileId,
      tokenHash: new Uint8Array(hashLinkToken(token)),
      carrier: 'AGENT',
      expiresAt: new Date(Date.now() + 30 * 86_400_000),
    },
  });
  return {
    tenantId,
    fileId,
    token,
    session: { linkId: link.id, tenantId, expiresAt: Math.floor(Date.now() / 1000) + 3600 },
  };
}

async function checkout(f: Linked, amount: string) {
  return startCardPayment({
    session: f.session,
    token: f.token,
    locale: 'fr',
    input: { amount },
    provider,
    baseUrl: BASE,
  });
}

const refusal = (work: Promise<unknown>) =>
  work.then(
    () => {
      throw new Error('accepted');
    },
    (error: unknown) => toErrorBody(error).body.error,
  );

/** The session the fake API made for a checkout, as Stripe would echo it in a notice. */
const sessionOf = (checkoutId: string) => {
  const made = api.sessions.find(
    (s) => s.session.metadata && (s.session.metadata as Record<string, string>).checkoutId === checkoutId,
  );
  if (!made) throw new Error(`no session for checkout ${checkoutId}`);
  return made;
};

const deliver = (n: { payload: string; header: string }) => receiveNotice(provider, Buffer.from(n.payload), n.header);

const counts = async (tenantId: string) => ({
  payments: await owner.payment.count({ where: { tenantId } }),
  events: await owner.providerEvent.count({ where: { tenantId } }),
  notifications: await owner.creditorNotification.count({ where: { tenantId } }),
  ledger: await owner.journalEntry.count({ where: { tenantId } }),
});

beforeAll(async () => {
  api = await startFakeStripeApi();
  provider = stripeProvider({ secretKey: 'sk_test_recouvra_integration', webhookSecret: SECRET, apiUrl: api.url });
  capture = await startCaptureServer({ port: 0, log: () => undefined });
  mail = smtpSender(`smtp://127.0.0.1:${capture.port}`, 'Agence Carte <carte@agence.test>');
  const a = await seedAgency(owner, {
    slug: uniqueSlug('card-a'),
    name: 'Agence Carte',
    seed: 81,
    files: 1,
    password: 'x',
  });
  const b = await seedAgency(owner, {
    slug: uniqueSlug('card-b'),
    name: 'Autre Carte',
    seed: 82,
    files: 1,
    password: 'x',
  });
  tenantA = a.tenantId;
  tenantB = b.tenantId;
  accountA = `acct_${randomBytes(8).toString('hex')}`;
  accountB = `acct_${randomBytes(8).toString('hex')}`;
  await owner.agency.update({
    where: { id: tenantA },
    data: { creditorFundsIban: TEST_IBAN, stripeAccountId: accountA },
  });
  await owner.agency.update({
    where: { id: tenantB },
    data: { creditorFundsIban: TEST_IBAN, stripeAccountId: accountB },
  });
  managerA = await actorFor(owner, tenantA, 'MANAGER');
  managerB = await actorFor(owner, tenantB, 'MANAGER');
});

afterAll(async () => {
  mail?.close();
  await capture?.close();
  await api?.close();
  await owner.$disconnect();
});

describe('the checkout', () => {
  it("is made on the agency's connected account, for the amount asked, carrying agency, file, link and checkout", async () => {
    const f = await linkedFile(tenantA, managerA);
    const made = await checkout(f, '120,50');
    expect(made.url).toMatch(new RegExp(`^${api.url}/pay/cs_test_`));
    const sent = sessionOf(made.checkoutId);
    expect(sent.account).toBe(accountA);
    expect(sent.idempotencyKey).toBe(`checkout-${made.checkoutId}`);
    expect(sent.params).toMatchObject({
      mode: 'payment',
      'allowed_payment_method_types[0]': 'card',
      'allowed_payment_method_types[1]': 'sepa_debit',
      'line_items[0][price_data][unit_amount]': '12050',
      'line_items[0][price_data][currency]': 'eur',
      'line_items[0][quantity]': '1',
      locale: 'fr',
      success_url: `${BASE}/d/r/${made.returnRef}?card=confirming`,
      cancel_url: `${BASE}/d/r/${made.returnRef}?card=cancelled`,
    });
    // The provider keeps these URLs: they carry an opaque reference, never the link's token.
    expect(made.returnRef).toMatch(RETURN_REF_PATTERN);
    expect(JSON.stringify(sent.params)).not.toContain(f.token);
    const row = await owner.providerCheckout.findFirstOrThrow({ where: { tenantId: tenantA, id: made.checkoutId } });
    expect(sent.session.metadata).toEqual({
      tenantId: tenantA,
      fileId: f.fileId,
      linkId: f.session.linkId,
      checkoutId: made.checkoutId,
    });
    expect(row).toMatchObject({
      sessionId: sent.id,
      amountCents: 12_050n,
      currency: 'EUR',
      fileId: f.fileId,
      provider: 'STRIPE',
    });
    // Nothing is paid until the provider says so.
    expect(await owner.payment.count({ where: { tenantId: tenantA, fileId: f.fileId } })).toBe(0);
  });

  it('refuses an amount above what is due, or under €1, on the amount field, and asks the provider nothing', async () => {
    const f = await linkedFile(tenantA, managerA, 30_000);
    const before = {
      sessions: api.sessions.length,
      rows: await owner.providerCheckout.count({ where: { tenantId: tenantA } }),
    };
    const above = await refusal(checkout(f, '999999'));
    expect(above.fields).toEqual({ amount: 'This amount is more than what remains due.' });
    const under = await refusal(checkout(f, '0,50'));
    expect(Object.keys(under.fields ?? {})).toEqual(['amount']);
    const junk = await refusal(checkout(f, 'beaucoup'));
    expect(Object.keys(junk.fields ?? {})).toEqual(['amount']);
    expect(api.sessions.length).toBe(before.sessions);
    expect(await owner.providerCheckout.count({ where: { tenantId: tenantA } })).toBe(before.rows);
  });

  it('is not offered, and refused, where no provider is configured or the agency has no account', async () => {
    const f = await linkedFile(tenantA, managerA);
    const saved = { key: process.env.STRIPE_SECRET_KEY, secret: process.env.STRIPE_WEBHOOK_SECRET };
    try {
      delete process.env.STRIPE_SECRET_KEY;
      delete process.env.STRIPE_WEBHOOK_SECRET;
      expect((await debtorPage(f.session))!.card.available).toBe(false);
      const none = await refusal(
        startCardPayment({ session: f.session, token: f.token, locale: 'fr', input: { amount: '10' }, provider: null }),
      );
      expect(Object.keys(none.fields ?? {})).toEqual(['amount']);
      process.env.STRIPE_SECRET_KEY = 'sk_test_recouvra_integration';
      process.env.STRIPE_WEBHOOK_SECRET = SECRET;
      expect((await debtorPage(f.session))!.card.available).toBe(true);
      await owner.agency.update({ where: { id: tenantA }, data: { stripeAccountId: null } });
      expect((await debtorPage(f.session))!.card.available).toBe(false);
      const noAccount = await refusal(checkout(f, '10'));
      expect(Object.keys(noAccount.fields ?? {})).toEqual(['amount']);
    } finally {
      await owner.agency.update({ where: { id: tenantA }, data: { stripeAccountId: accountA } });
      if (saved.key === undefined) delete process.env.STRIPE_SECRET_KEY;
      else process.env.STRIPE_SECRET_KEY = saved.key;
      if (saved.secret === undefined) delete process.env.STRIPE_WEBHOOK_SECRET;
      else process.env.STRIPE_WEBHOOK_SECRET = saved.secret;
    }
  });

  it("does not start from another link's session", async () => {
    const f = await linkedFile(tenantA, managerA);
    const g = await linkedFile(tenantA, managerA);
    const wrong = await refusal(
      startCardPayment({
        session: f.session,
        token: g.token,
        locale: 'fr',
        input: { amount: '10' },
        provider,
        baseUrl: BASE,
      }),
    );
    expect(wrong.code).toBe('NOT_FOUND');
  });
});

describe("the provider's signed notice", () => {
  it('records a card payment once, even delivered twice: receipt e-mailed, creditor told, scenario stopped', async () => {
    const f = await linkedFile(tenantA, managerA);
    const due = (await debtorPage(f.session))!.amounts.totals.dueCents;
    expect(due).toBeGreaterThan(0);
    const made = await checkout(f, (due / 100).toFixed(2));
    const notice = signedNotice(SECRET, {
      type: 'checkout.session.completed',
      session: sessionOf(made.checkoutId).session,
      account: accountA,
    });
    const before = await counts(tenantA);

    const first = await deliver(notice);
    expect(first).toMatchObject({ refused: false, outcome: 'RECORDED' });
    const again = await deliver(notice);
    expect(again).toEqual({ refused: false, outcome: 'DUPLICATE' });
    const after = await counts(tenantA);
    expect(after.payments - before.payments).toBe(1);
    expect(after.events - before.events).toBe(1);
    expect(after.notifications - before.notifications).toBe(1);
    expect(after.ledger).toBeGreaterThan(before.ledger);

    const payment = await owner.payment.findFirstOrThrow({ where: { tenantId: tenantA, fileId: f.fileId } });
    expect(payment).toMatchObject({ amountCents: BigInt(due), method: 'CARD', recordedBy: null });
    expect(payment.reference).toMatch(/^pi_test_/);
    const event = await owner.providerEvent.findFirstOrThrow({ where: { tenantId: tenantA, eventId: notice.eventId } });
    expect(event).toMatchObject({ outcome: 'PAID', paymentId: payment.id, checkoutId: made.checkoutId });

    const file = await owner.caseFile.findFirstOrThrow({ where: { tenantId: tenantA, id: f.fileId } });
    expect(file.status).toBe('PAID');
    const scenario = await owner.fileScenario.findFirstOrThrow({ where: { tenantId: tenantA, fileId: f.fileId } });
    expect([scenario.state, scenario.stateReason]).toEqual(['STOPPED', 'PAID']);

    const issue = await owner.receiptIssue.findFirstOrThrow({ where: { tenantId: tenantA, paymentId: payment.id } });
    expect(issue.channel).toBe('EMAIL');
    expect(await deliverMessage({ tenantId: tenantA, messageId: issue.messageId!, mail })).toBe('SENT');
    const captured = await owner.capturedMail.findMany({ where: { tenantId: tenantA, recipients: issue.recipient! } });
    expect(captured).toHaveLength(1);
    expect(captured[0]!.subject).toBe(`Quittance ${payment.receiptNumber} — dossier ${file.reference}`);
    expect(captured[0]!.attachments).toBe(`${payment.receiptNumber}.pdf`);
  });

  it('records a SEPA debit when it is collected, not when it is submitted; a failed debit records nothing', async () => {
    const f = await linkedFile(tenantA, managerA);
    const made = await checkout(f, '100');
    const { session } = sessionOf(made.checkoutId);
    const submitted = signedNotice(SECRET, {
      type: 'checkout.session.completed',
      session,
      account: accountA,
      paymentStatus: 'unpaid',
    });
    expect(await deliver(submitted)).toEqual({ refused: false, outcome: 'PENDING' });
    expect(await owner.payment.count({ where: { tenantId: tenantA, fileId: f.fileId } })).toBe(0);
    const collected = signedNotice(SECRET, {
      type: 'checkout.session.async_payment_succeeded',
      session,
      account: accountA,
    });
    expect(await deliver(collected)).toMatchObject({ refused: false, outcome: 'RECORDED' });
    // Another notice saying the same checkout was paid (a second event id) pays nothing more.
    const echo = signedNotice(SECRET, { type: 'checkout.session.async_payment_succeeded', session, account: accountA });
    expect(await deliver(echo)).toEqual({ refused: false, outcome: 'DUPLICATE' });
    const payments = await owner.payment.findMany({ where: { tenantId: tenantA, fileId: f.fileId } });
    expect(payments.map((p) => [p.method, p.amountCents])).toEqual([['DIRECT_DEBIT', 10_000n]]);
    const file = await owner.caseFile.findFirstOrThrow({ where: { tenantId: tenantA, id: f.fileId } });
    expect(file.status).not.toBe('PAID');

    const g = await linkedFile(tenantA, managerA);
    const other = await checkout(g, '100');
    const failed = signedNotice(SECRET, {
      type: 'checkout.session.async_payment_failed',
      session: sessionOf(other.checkoutId).session,
      account: accountA,
      paymentStatus: 'unpaid',
    });
    expect(await deliver(failed)).toEqual({ refused: false, outcome: 'FAILED' });
    expect(await owner.payment.count({ where: { tenantId: tenantA, fileId: g.fileId } })).toBe(0);
  });

  it('is refused when its signature does not hold, and writes nothing', async () => {
    const f = await linkedFile(tenantA, managerA);
    const made = await checkout(f, '50');
    const { session } = sessionOf(made.checkoutId);
    const good = signedNotice(SECRET, { type: 'checkout.session.completed', session, account: accountA });
    const before = await counts(tenantA);
    // The amount altered after signing; signed with another secret; no signature at all; a replay long after.
    const altered = { payload: good.payload.replace('"amount_total":5000', '"amount_total":1'), header: good.header };
    expect(altered.payload).not.toBe(good.payload);
    const foreign = signedNotice('whsec_someone_else', {
      type: 'checkout.session.completed',
      session,
      account: accountA,
    });
    const stale = signedNotice(SECRET, { type: 'checkout.session.completed', session, account: accountA });
    const staleHeader = new (await import('stripe')).default('sk_test_x').webhooks.generateTestHeaderString({
      payload: stale.payload,
      secret: SECRET,
      timestamp: Math.floor(Date.now() / 1000) - 3600,
    });
    for (const n of [
      altered,
      foreign,
      { payload: good.payload, header: '' },
      { payload: stale.payload, header: staleHeader },
    ])
      expect(await deliver(n)).toEqual({ refused: true });
    expect(await counts(tenantA)).toEqual(before);
  });

  it("names another agency's account, file or link: records nothing", async () => {
    const f = await linkedFile(tenantA, managerA);
    const made = await checkout(f, '80');
    const { session } = sessionOf(made.checkoutId);
    const g = await linkedFile(tenantA, managerA);
    const h = await linkedFile(tenantB, managerB);
    const meta = session.metadata as Record<string, string>;
    const before = { a: await counts(tenantA), b: await counts(tenantB) };
    const notices = [
      // Agency B's account delivering A's checkout.
      signedNotice(SECRET, { type: 'checkout.session.completed', session, account: accountB }),
      // The platform's own account, no connected account.
      signedNotice(SECRET, { type: 'checkout.session.completed', session, account: null }),
      // A's checkout pointed at another of A's files, or another link.
      signedNotice(SECRET, {
        type: 'checkout.session.completed',
        session: { ...session, metadata: { ...meta, fileId: g.fileId } },
        account: accountA,
      }),
      signedNotice(SECRET, {
        type: 'checkout.session.completed',
        session: { ...session, metadata: { ...meta, linkId: g.session.linkId } },
        account: accountA,
      }),
      // B's file and tenant with A's checkout id, from B's account.
      signedNotice(SECRET, {
        type: 'checkout.session.completed',
        session: { ...session, metadata: { ...meta, tenantId: tenantB, fileId: h.fileId, linkId: h.session.linkId } },
        account: accountB,
      }),
      // Another session id than the one the checkout was made with; metadata that is not ours at all.
      signedNotice(SECRET, {
        type: 'checkout.session.completed',
        session: { ...session, id: 'cs_test_other' },
        account: accountA,
      }),
      signedNotice(SECRET, {
        type: 'checkout.session.completed',
        session: { ...session, metadata: {} },
        account: accountA,
      }),
    ];
    for (const n of notices) expect(await deliver(n)).toEqual({ refused: false, outcome: 'UNKNOWN' });
    // An event about something else is acknowledged and ignored.
    const other = signedNotice(SECRET, { type: 'payment_intent.created', session, account: accountA });
    expect(await deliver(other)).toEqual({ refused: false, outcome: 'IGNORED' });
    expect({ a: await counts(tenantA), b: await counts(tenantB) }).toEqual(before);
  });
});

describe("the agency's account at the provider", () => {
  it('is set by an admin only, well-formed, and one agency per account', async () => {
    const admin = await actorFor(owner, tenantB, 'ADMIN');
    const manager = await actorFor(owner, tenantB, 'MANAGER');
    expect((await refusal(setProviderAccount({ actor: manager, account: 'acct_xyz' }))).code).toBe('NOT_FOUND');
    expect(
      Object.keys((await refusal(setProviderAccount({ actor: admin, account: 'https://evil' }))).fields ?? {}),
    ).toEqual(['account']);
    expect((await refusal(setProviderAccount({ actor: admin, account: accountA }))).fields).toEqual({
      account: 'This account already belongs to another agency.',
    });
    const fresh = `acct_${randomBytes(6).toString('hex')}`;
    await setProviderAccount({ actor: admin, account: fresh });
    expect((await owner.agency.findUniqueOrThrow({ where: { id: tenantB } })).stripeAccountId).toBe(fresh);
    await setProviderAccount({ actor: admin, account: '' });
    expect((await owner.agency.findUniqueOrThrow({ where: { id: tenantB } })).stripeAccountId).toBeNull();
    await setProviderAccount({ actor: admin, account: accountB });
    expect(await owner.auditLog.count({ where: { tenantId: tenantB, action: 'paymentProvider.accountSet' } })).toBe(3);
  });
});
