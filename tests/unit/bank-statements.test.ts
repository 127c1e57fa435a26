import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import yazl from 'yazl';
import { createWriteStream } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../lib/errors/app-error';
import { readStatement } from '../../lib/bank/read-statement';
import type { StatementEntry } from '../../lib/bank/statement-entry';
import { camt053, mt940, type FixtureEntry } from '../fixtures/bank/statements';

const ACCOUNT = 'FR7630006000011234567890189';

async function write(name: string, content: string | Buffer): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'statement-'));
  const path = join(dir, name);
  await writeFile(path, content);
  return path;
}

async function entriesOf(path: string): Promise<StatementEntry[]> {
  const source = await readStatement(path);
  const all: StatementEntry[] = [];
  try {
    for await (const batch of source.entries()) all.push(...batch);
  } finally {
    source.close();
  }
  return all;
}

async function refusal(path: string): Promise<{ key: string; values?: Record<string, unknown> }> {
  try {
    await entriesOf(path);
  } catch (error) {
    if (error instanceof AppError) return error.ref;
    throw error;
  }
  throw new Error('the statement was accepted');
}

const credit: FixtureEntry = {
  amount: '150.50',
  bankRef: 'BQ-2026-0001',
  name: 'SARL Dupont Bâtiment',
  iban: 'FR1420041010050500013M02606',
  rf: 'RF53D0001234',
  ustrd: ['Facture F-2026-118', 'dossier D0001234'],
  endToEndId: 'E2E-77',
};

describe('camt.053', () => {
  for (const version of [2, 3, 4, 5, 6, 7, 8]) {
    it(`reads a credit of version 001.0${version}`, async () => {
      const path = await write(`v${version}.xml`, camt053(version, ACCOUNT, [credit]));
      const source = await readStatement(path);
      expect(source.format).toBe('CAMT053');
      const [entry, ...rest] = await entriesOf(path);
      expect(rest).toHaveLength(0);
      expect(entry).toMatchObject({
        index: 1,
        accountIban: ACCOUNT,
        bankRef: 'BQ-2026-0001',
        bookingDate: '2026-12-07',
        amountCents: 15050n,
        currency: 'EUR',
        direction: 'CREDIT',
        reversal: false,
        counterpartyName: 'SARL Dupont Bâtiment',
        counterpartyIban: 'FR1420041010050500013M02606',
        creditorRefs: ['RF53D0001234'],
        remittance: 'Facture F-2026-118 dossier D0001234',
        endToEndId: 'E2E-77',
      });
    });
  }

  it('splits a batch booking into its transfers, each with its own amount and reference', async () => {
    const batch: FixtureEntry = {
      amount: '300.00',
      bankRef: 'BATCH-9',
      batch: [
        { amount: '100.00', name: 'A', ustrd: ['D0000001'], bankRef: 'T1' },
        { amount: '200.00', name: 'B', ustrd: ['D0000002'], bankRef: 'T2' },
      ],
    };
    for (const version of [2, 8]) {
      const entries = await entriesOf(await write('batch.xml', camt053(version, ACCOUNT, [batch])));
      expect(entries.map((e) => [e.bankRef, e.amountCents, e.counterpartyName, e.remittance])).toEqual([
        ['BATCH-9/T1', 10000n, 'A', 'D0000001'],
        ['BATCH-9/T2', 20000n, 'B', 'D0000002'],
      ]);
    }
    const wrong = { ...batch, amount: '300.01' };
    expect(await refusal(await write('bad.xml', camt053(6, ACCOUNT, [wrong])))).toMatchObject({
      key: 'reasons.statement.batchTotal',
      values: { entry: 1 },
    });
  });

  it('skips pending entries and keeps debits, reversals and return reasons', async () => {
    const entries = await entriesOf(
      await write(
        'mixed.xml',
        camt053(8, ACCOUNT, [
          { ...credit, status: 'PDNG', bankRef: 'P1' },
          {
            amount: '80.00',
            direction: 'DBIT',
            bankRef: 'R1',
            returnReason: 'MD06',
            name: 'Jean Martin',
            endToEndId: 'SDD-5',
          },
          { amount: '10.00', direction: 'DBIT', reversal: true, bankRef: 'RV1' },
        ]),
      ),
    );
    expect(
      entries.map((e) => [e.index, e.bankRef, e.direction, e.reversal, e.returnReason, e.counterpartyName]),
    ).toEqual([
      [2, 'R1', 'DEBIT', false, 'MD06', 'Jean Martin'],
      [3, 'RV1', 'DEBIT', true, null, null],
    ]);
  });

  it('gives entries without the bank reference a stable one from the statement and position', async () => {
    const xml = camt053(
      5,
      ACCOUNT,
      [
        { ...credit, bankRef: null },
        { ...credit, bankRef: null },
      ],
      'ST-77',
    );
    const first = await entriesOf(await write('a.xml', xml));
    const again = await entriesOf(await write('b.xml', xml));
    expect(first.map((e) => e.bankRef)).toEqual(['ST-77#1', 'ST-77#2']);
    expect(again.map((e) => e.bankRef)).toEqual(first.map((e) => e.bankRef));
  });

  it('names the entry and the reason of each refusal', async () => {
    const cases: [string, string, Record<string, unknown>][] = [
      [camt053(8, ACCOUNT, [credit, { ...credit, amount: '12.345' }]), 'amount', { entry: 2, value: '12.345' }],
      [camt053(8, ACCOUNT, [{ ...credit, bookingDate: '2026-02-30' }]), 'date', { entry: 1 }],
      [camt053(8, ACCOUNT, [credit]).replace('camt.053.001.08', 'camt.053.001.12'), 'namespace', {}],
      [camt053(8, ACCOUNT, [credit]).replace('camt.053.001.08', 'camt.052.001.08'), 'namespace', {}],
      [
        camt053(8, ACCOUNT, [credit]).replace(/(<Amt Ccy="EUR">150.50<\/Amt>\s*)<CdtDbtInd>CRDT<\/CdtDbtInd>/, '$1'),
        'missing',
        { entry: 1, element: 'CdtDbtInd' },
      ],
      [camt053(8, ACCOUNT, [credit]).replace(/<Acct>.*<\/Acct>/, ''), 'noAccount', { entry: 1 }],
      [camt053(8, ACCOUNT, [credit]).slice(0, -40), 'invalidXml', {}],
      [camt053(8, ACCOUNT, [credit]).replace('encoding="UTF-8"', 'encoding="ISO-8859-1"'), 'encoding', {}],
      ['just some text', 'unknownFormat', {}],
    ];
    for (const [content, key, values] of cases) {
      const ref = await refusal(await write('x.xml', content));
      expect(ref.key, content.slice(0, 80)).toBe(`reasons.statement.${key}`);
      expect(ref.values).toMatchObject(values);
    }
  });

  it('refuses a DTD, so no entity (external or billion-laughs) is ever expanded', async () => {
    const xxe = camt053(8, ACCOUNT, [{ ...credit, ustrd: ['&xxe;'] }])
      .replace('&amp;xxe;', '&xxe;')
      .replace('<Document', '<!DOCTYPE Document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<Document');
    expect((await refusal(await write('xxe.xml', xxe))).key).toBe('reasons.statement.doctype');
    const laughs = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08">&lol2;</Document>`;
    expect((await refusal(await write('lol.xml', laughs))).key).toBe('reasons.statement.doctype');
  });

  it('reads a statement inside a zip and refuses a zip bomb', async () => {
    const zipped = async (name: string, parts: [string, Buffer][]) => {
      const zip = new yazl.ZipFile();
      for (const [part, content] of parts) zip.addBuffer(content, part);
      zip.end();
      const path = join(await mkdtemp(join(tmpdir(), 'zip-')), name);
      await new Promise<void>((resolve, reject) =>
        zip.outputStream
          .pipe(createWriteStream(path))
          .on('close', () => resolve())
          .on('error', reject),
      );
      return path;
    };
    const ok = await zipped('ok.zip', [['releve.xml', Buffer.from(camt053(4, ACCOUNT, [credit]))]]);
    expect((await entriesOf(ok)).map((e) => e.amountCents)).toEqual([15050n]);
    const two = await zipped('two.zip', [
      ['a.xml', Buffer.from('<a/>')],
      ['b.xml', Buffer.from('<b/>')],
    ]);
    expect(await refusal(two)).toMatchObject({ key: 'reasons.statement.zipParts', values: { count: 2 } });
    // 64 MB of zeros compresses about a thousand times: refused from the directory, before anything inflates.
    const bomb = await zipped('bomb.zip', [['releve.xml', Buffer.alloc(64 * 1024 * 1024, 0x20)]]);
    expect((await refusal(bomb)).key).toBe('reasons.statement.zip');
  });
});

describe('MT940', () => {
  it('reads credits, debits, reversals and the :86: details of a French bank', async () => {
    const text = mt940(ACCOUNT, [
      {
        amount: '150,50',
        bankRef: 'BQ00001',
        info: ['/EREF/E2E-77/ORDP//NAME/SARL DUPONT BATIMENT/REMI/USTD//', 'Facture F-2026-118 D0001234'],
      },
      { amount: '80,', mark: 'D', bankRef: 'BQ00002', info: ['/RTRN/MD06/EREF/SDD-5'] },
      { amount: '10,00', mark: 'RC', customerRef: 'X1' },
    ]);
    const path = await write('releve.sta', text);
    expect((await readStatement(path)).format).toBe('MT940');
    const entries = await entriesOf(path);
    expect(
      entries.map((e) => [
        e.bankRef,
        e.amountCents,
        e.direction,
        e.reversal,
        e.counterpartyName,
        e.endToEndId,
        e.returnReason,
      ]),
    ).toEqual([
      ['BQ00001', 15050n, 'CREDIT', false, 'SARL DUPONT BATIMENT', 'E2E-77', null],
      ['BQ00002', 8000n, 'DEBIT', false, null, 'SDD-5', 'MD06'],
      ['STMT20261207/00245/001#3', 1000n, 'DEBIT', true, null, null, null],
    ]);
    expect(entries[0]!.remittance).toBe('Facture F-2026-118 D0001234');
    expect(entries[0]!).toMatchObject({ accountIban: ACCOUNT, currency: 'EUR', bookingDate: '2026-12-07' });
  });

  it('reads German ?-subfields and a booking day across the new year, in Latin-1', async () => {
    const text = mt940('30006/00001234567', [
      {
        amount: '99,99',
        valueDate: '261231',
        bookingMmdd: '0102',
        info: ['166?00GUTSCHRIFT?20D0001234 Rechnung?2142?32MÜLLER GMBH?33FILIALE'],
      },
    ]);
    const entries = await entriesOf(await write('de.sta', Buffer.from(text, 'latin1')));
    expect(entries[0]).toMatchObject({
      accountIban: '3000600001234567',
      valueDate: '2026-12-31',
      bookingDate: '2027-01-02',
      counterpartyName: 'MÜLLER GMBH FILIALE',
      remittance: 'D0001234 Rechnung42',
    });
  });

  it('names the entry of an unreadable line', async () => {
    const text = mt940(ACCOUNT, [{ amount: '1,00' }, { amount: 'abc' }]);
    expect(await refusal(await write('bad.sta', text))).toMatchObject({
      key: 'reasons.statement.mt940Line',
      values: { entry: 2 },
    });
  });
});
