import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedAgency } from '../../lib/demo/seed-agency';
import { issueDebtorLinks } from '../../lib/debtor-links/issue-link';
import { linkSecret } from '../../lib/debtor-links/token';
import { giveContact } from '../../lib/debtor-page/give-contact';
import { openDebtorLink } from '../../lib/debtor-page/open-link';
import { requestDebtorCode } from '../../lib/debtor-page/one-time-code';
import { CODE_THROTTLE } from '../../lib/debtor-page/throttle';
import { timelineRenderer } from '../../lib/history/render';
import { startCaptureServer, type CaptureServer } from '../../lib/mail/capture-server';
import { smtpSender, type MailSender } from '../../lib/mail/transport';
import { deliverMessage } from '../../lib/outbox/deliver-message';
import { smsSegments } from '../../lib/sms/segments';
import { ownerDb, uniqueSlug } from './support/db';
import { makeDebtorFile, TEST_IBAN } from './support/scenario-fixtures';

// The third second factor (issue 17): a code to the debtor's own e-mail or phone, through the outbox, the capture
// SMTP server and the recording SMS transport; ten minutes, once, throttled, and silent about what exists.

const owner = ownerDb();
const NOW = new Date('2027-03-08T09:00:00Z');
const MINUTE = 60_000;
let tenantId: string;
let capture: CaptureServer;
let mail: MailSender;
let ipSeq = 0;
const nextIp = () => `203.0.113.${++ipSeq}`;

/** A file and a fresh link to its page, as a letter would carry. */
async function linkedFile(spec: Parameters<typeof makeDebtorFile>[2] = {}) {
  const fileId = await makeDebtorFile(owner, tenantId, { kind: 'PERSON', ...spec });
  const [token] = await issueDebtorLinks(owner as never, {
    secret: linkSecret(),
    tenantId,
    now: NOW,
    links: [{ fileId, reference: `CODE-${randomUUID()}`, carrier: 'LETTER' }],
  });
  return { fileId, token: token! };
}

const codeMessages = (fileId: string) =>
  owner.outboundMessage.findMany({
    where: { tenantId, fileId, executionKey: { startsWith: 'debtor-code:' } },
    orderBy: { createdAt: 'asc' },
  });

async function mailedCode(fileId: string, address: string): Promise<string> {
  const [message] = (await codeMessages(fileId)).filter((m) => m.status === 'PENDING');
  expect(await deliverMessage({ tenantId, messageId: message!.id, mail, now: NOW })).toBe('SENT');
  const [captured] = await owner.capturedMail.findMany({
    where: { tenantId, recipients: address },
    orderBy: { receivedAt: 'desc' },
    take: 1,
  });
  const code = /\b(\d{6})\b/.exec(captured!.textBody ?? '')?.[1];
  if (!code) throw new Error('no code in the e-mail');
  return code;
}

const answer = (token: string, code: string, at = NOW, ip = nextIp()) =>
  openDebtorLink({ token, answer: code, ip, now: at });

beforeAll(async () => {
  ({ tenantId } = await seedAgency(owner, {
    seed: 24,
    files: 1,
    password: 'x-password-1',
    slug: uniqueSlug('debtor-code'),
    name: 'Agence Codes',
  }));
  await owner.agency.update({ where: { id: tenantId }, data: { creditorFundsIban: TEST_IBAN } });
  capture = await startCaptureServer({ port: 0, log: () => undefined });
  mail = smtpSender(`smtp://127.0.0.1:${capture.port}`, 'Agence Codes <codes@agence.test>');
});

afterAll(async () => {
  mail?.close();
  await capture?.close();
  await owner.$disconnect();
});

describe('a one-time code by e-mail', () => {
  it('goes through the outbox to the address on file and opens the page once', async () => {
    const address = `code-${randomUUID().slice(0, 6)}@example.com`;
    const { fileId, token } = await linkedFile({ email: { address } });
    expect(
      await requestDebtorCode({ token, input: { channel: 'EMAIL' }, locale: 'fr', ip: nextIp(), now: NOW }),
    ).toEqual({ ok: true });
    const [message] = await codeMessages(fileId);
    expect(message).toMatchObject({ channel: 'EMAIL', recipient: address, status: 'PENDING', locale: 'fr' });
    const code = await mailedCode(fileId, address);
    const [captured] = await owner.capturedMail.findMany({ where: { tenantId, recipients: address } });
    expect(captured!.subject).toBe('Votre code pour ouvrir votre dossier — Agence Codes');

    const opened = await answer(token, code);
    expect(opened.ok).toBe(true);
    // Spent: the same code opens nothing a second time.
    expect(await answer(token, code)).toEqual({ ok: false, reason: 'refused' });

    const line = await owner.activity.findFirstOrThrow({ where: { tenantId, fileId, kind: 'debtor.code_sent' } });
    expect(timelineRenderer('en', 'Europe/Paris')(line)).toBe(
      `The debtor asked for a code on their private page: sent by e-mail to ${address}`,
    );
    const audit = await owner.auditLog.findFirstOrThrow({
      where: { tenantId, action: 'debtor.link.opened', entityId: fileId },
    });
    expect(audit.details).toMatchObject({ factor: 'CODE' });
  });

  it('is refused after ten minutes, and a new request replaces the last code', async () => {
    const address = `late-${randomUUID().slice(0, 6)}@example.com`;
    const { fileId, token } = await linkedFile({ email: { address } });
    await requestDebtorCode({ token, input: { channel: 'EMAIL' }, locale: 'en', ip: nextIp(), now: NOW });
    const first = await mailedCode(fileId, address);
    expect(await answer(token, first, new Date(NOW.getTime() + 11 * MINUTE))).toEqual({
      ok: false,
      reason: 'refused',
    });

    await requestDebtorCode({ token, input: { channel: 'EMAIL' }, locale: 'en', ip: nextIp(), now: NOW });
    const second = await mailedCode(fileId, address);
    const [captured] = await owner.capturedMail.findMany({
      where: { tenantId, recipients: address },
      orderBy: { receivedAt: 'desc' },
      take: 1,
    });
    expect(captured!.subject).toBe('Your code to open your file — Agence Codes');
    if (second !== first) expect(await answer(token, first)).toEqual({ ok: false, reason: 'refused' });
    // A wrong code does not spend the right one.
    expect(await answer(token, second === '000000' ? '000001' : '000000')).toEqual({ ok: false, reason: 'refused' });
    expect((await answer(token, second, new Date(NOW.getTime() + 9 * MINUTE))).ok).toBe(true);
  });
});

describe('a one-time code by SMS', () => {
  it('goes to the phone on file in one SMS of the 7-bit alphabet, and opens the page', async () => {
    const number = '+33639981234';
    const { fileId, token } = await linkedFile({ phone: { number } });
    await requestDebtorCode({ token, input: { channel: 'SMS' }, locale: 'fr', ip: nextIp(), now: NOW });
    const [message] = await codeMessages(fileId);
    expect(message).toMatchObject({ channel: 'SMS', recipient: number, subject: null });
    expect(await deliverMessage({ tenantId, messageId: message!.id, now: NOW })).toBe('SENT');
    const sms = await owner.smsLog.findFirstOrThrow({ where: { tenantId, messageKey: message!.executionKey } });
    expect(smsSegments(sms.body)).toMatchObject({ encoding: 'GSM_7', segments: 1 });
    const code = /\b(\d{6})\b/.exec(sms.body)![1]!;
    expect((await answer(token, code)).ok).toBe(true);
  });
});

describe('asking for a code', () => {
  it('is throttled per link, before anything is looked up', async () => {
    const { fileId, token } = await linkedFile();
    for (let i = 0; i < CODE_THROTTLE.perLink; i++)
      expect(
        await requestDebtorCode({ token, input: { channel: 'EMAIL' }, locale: 'fr', ip: nextIp(), now: NOW }),
      ).toEqual({ ok: true });
    expect(await requestDebtorCode({ token, input: { channel: 'SMS' }, locale: 'fr', ip: nextIp(), now: NOW })).toEqual(
      {
        ok: false,
        reason: 'throttled',
      },
    );
    expect(await codeMessages(fileId)).toHaveLength(CODE_THROTTLE.perLink);
  });

  it('is throttled per address across links', async () => {
    const ip = nextIp();
    let last: unknown;
    for (let i = 0; i <= CODE_THROTTLE.perAddress; i++)
      last = await requestDebtorCode({
        token: `unknown${String(i).padStart(17, '0')}`,
        input: { channel: 'EMAIL' },
        locale: 'fr',
        ip,
        now: NOW,
      });
    expect(last).toEqual({ ok: false, reason: 'throttled' });
  });

  it('answers the same for an unknown link, a debtor without that contact, and a contact typed on the page', async () => {
    const before = await owner.outboundMessage.count({ where: { tenantId } });
    expect(
      await requestDebtorCode({
        token: 'Zz9Zz9Zz9Zz9Zz9Zz9Zz9Zz9',
        input: { channel: 'EMAIL' },
        locale: 'fr',
        ip: nextIp(),
        now: NOW,
      }),
    ).toEqual({ ok: true });

    const bare = await linkedFile({ email: null, phone: null });
    expect(
      await requestDebtorCode({ token: bare.token, input: { channel: 'SMS' }, locale: 'fr', ip: nextIp(), now: NOW }),
    ).toEqual({ ok: true });
    expect(
      await owner.auditLog.count({ where: { tenantId, action: 'debtor.code.no_contact', entityId: bare.fileId } }),
    ).toBe(1);

    // Someone who once got in gives their own address on the page: a code never goes there.
    const opened = await answer(bare.token, '69003');
    if (!opened.ok) throw new Error('the postcode should open the page');
    await giveContact({ session: opened.session, input: { email: 'intrus@example.com' }, now: NOW });
    expect(
      await requestDebtorCode({ token: bare.token, input: { channel: 'EMAIL' }, locale: 'fr', ip: nextIp(), now: NOW }),
    ).toEqual({ ok: true });
    expect(await owner.outboundMessage.count({ where: { tenantId } })).toBe(before);
  });

  it('refuses a channel it does not know, on its field', async () => {
    const { token } = await linkedFile();
    await expect(
      requestDebtorCode({ token, input: { channel: 'FAX' }, locale: 'fr', ip: nextIp(), now: NOW }),
    ).rejects.toMatchObject({ code: 'INVALID', fields: { channel: 'debtorPage.errors.codeChannel' } });
  });
});
