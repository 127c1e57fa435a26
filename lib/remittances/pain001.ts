import { compactIban, isValidBic, isValidIban } from '../bank/iban';

// The SEPA credit-transfer initiation the agency hands its bank: ISO 20022 pain.001.001.09, the version French banks
// take today, one payment block for the whole run (every transfer leaves the creditors'-funds account on the same
// day). Written as text from checked values; lib/remittances/validate-pain001.ts then checks it against the ISO
// schema before it is stored or downloaded.

export const PAIN001_NAMESPACE = 'urn:iso:std:iso:20022:tech:xsd:pain.001.001.09';

export interface Pain001Transfer {
  endToEndId: string;
  amountCents: bigint;
  name: string;
  iban: string;
  bic: string | null;
  /** What the payee reads on its statement (≤ 140 characters once cleaned). */
  remittanceInfo: string;
}

export interface Pain001Run {
  messageId: string;
  createdAt: Date;
  executionOn: string;
  debtor: { name: string; iban: string; bic: string | null };
  transfers: readonly Pain001Transfer[];
}

/**
 * The SEPA rulebook's character set (EPC 217-08: a–z, A–Z, 0–9, / - ? : ( ) . , ' + and space): accents dropped
 * (é → e), anything else made a space, so a French name never makes a bank refuse the file.
 */
export function sepaText(value: string, max: number): string {
  const cleaned = value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[&]/g, '+')
    .replace(/[^A-Za-z0-9/\-?:().,'+ ]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, max)
    .trim();
  return cleaned || 'NOTPROVIDED';
}

/** An identifier a bank keeps (MsgId, EndToEndId): the rulebook's letters and digits and '-', 1 to 35. */
export function sepaId(value: string): string {
  const id = value.replace(/[^A-Za-z0-9-]/g, '').slice(0, 35);
  if (!id) throw new Error('a SEPA identifier needs at least one letter or digit');
  return id;
}

export function centsToDecimal(cents: bigint): string {
  const negative = cents < 0n;
  const abs = negative ? -cents : cents;
  return `${negative ? '-' : ''}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
}

/** ISO 8601 without fractions, in UTC: what every bank's parser of ISODateTime takes. */
function isoDateTime(at: Date): string {
  return at.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

const escapeXml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');

function agent(bic: string | null, indent: string): string {
  // Without a BIC the EPC guidelines accept "NOTPROVIDED" as the agent's other identification (IBAN-only SEPA).
  const id = bic ? `<BICFI>${escapeXml(bic)}</BICFI>` : '<Othr><Id>NOTPROVIDED</Id></Othr>';
  return `${indent}<FinInstnId>${id}</FinInstnId>`;
}

/** Throws on a value no bank would take: a run that reaches here was checked already, so this is a bug. */
function checkAccount(iban: string, bic: string | null, who: string): void {
  if (!isValidIban(iban)) throw new Error(`pain.001: ${who} has no valid IBAN`);
  if (bic !== null && !isValidBic(bic)) throw new Error(`pain.001: ${who} has no valid BIC`);
}

export function buildPain001(run: Pain001Run): string {
  if (run.transfers.length === 0) throw new Error('pain.001: a run pays at least one transfer');
  checkAccount(run.debtor.iban, run.debtor.bic, 'the agency');
  let total = 0n;
  const lines: string[] = [];
  for (const t of run.transfers) {
    if (t.amountCents <= 0n) throw new Error('pain.001: a transfer pays a positive amount');
    checkAccount(t.iban, t.bic, `transfer ${t.endToEndId}`);
    total += t.amountCents;
    lines.push(
      [
        '      <CdtTrfTxInf>',
        `        <PmtId><EndToEndId>${escapeXml(sepaId(t.endToEndId))}</EndToEndId></PmtId>`,
        `        <Amt><InstdAmt Ccy="EUR">${centsToDecimal(t.amountCents)}</InstdAmt></Amt>`,
        ...(t.bic ? ['        <CdtrAgt>', agent(t.bic, '          '), '        </CdtrAgt>'] : []),
        `        <Cdtr><Nm>${escapeXml(sepaText(t.name, 70))}</Nm></Cdtr>`,
        `        <CdtrAcct><Id><IBAN>${compactIban(t.iban)}</IBAN></Id></CdtrAcct>`,
        `        <RmtInf><Ustrd>${escapeXml(sepaText(t.remittanceInfo, 140))}</Ustrd></RmtInf>`,
        '      </CdtTrfTxInf>',
      ].join('\n'),
    );
  }
  const count = run.transfers.length;
  const sum = centsToDecimal(total);
  const messageId = escapeXml(sepaId(run.messageId));
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<Document xmlns="${PAIN001_NAMESPACE}">`,
    '  <CstmrCdtTrfInitn>',
    '    <GrpHdr>',
    `      <MsgId>${messageId}</MsgId>`,
    `      <CreDtTm>${isoDateTime(run.createdAt)}</CreDtTm>`,
    `      <NbOfTxs>${count}</NbOfTxs>`,
    `      <CtrlSum>${sum}</CtrlSum>`,
    `      <InitgPty><Nm>${escapeXml(sepaText(run.debtor.name, 70))}</Nm></InitgPty>`,
    '    </GrpHdr>',
    '    <PmtInf>',
    `      <PmtInfId>${messageId}</PmtInfId>`,
    '      <PmtMtd>TRF</PmtMtd>',
    `      <NbOfTxs>${count}</NbOfTxs>`,
    `      <CtrlSum>${sum}</CtrlSum>`,
    '      <PmtTpInf><SvcLvl><Cd>SEPA</Cd></SvcLvl></PmtTpInf>',
    `      <ReqdExctnDt><Dt>${run.executionOn}</Dt></ReqdExctnDt>`,
    `      <Dbtr><Nm>${escapeXml(sepaText(run.debtor.name, 70))}</Nm></Dbtr>`,
    `      <DbtrAcct><Id><IBAN>${compactIban(run.debtor.iban)}</IBAN></Id></DbtrAcct>`,
    '      <DbtrAgt>',
    agent(run.debtor.bic, '        '),
    '      </DbtrAgt>',
    '      <ChrgBr>SLEV</ChrgBr>',
    ...lines,
    '    </PmtInf>',
    '  </CstmrCdtTrfInitn>',
    '</Document>',
    '',
  ].join('\n');
}
