import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { describe, expect, it } from 'vitest';
import en from '@/messages/en.json';
import fr from '@/messages/fr.json';
import { digestMail } from '@/lib/payments/creditor-digest';
import { receiptMail } from '@/lib/payments/issue-receipt';

// The e-mails the agency sends on its own (the debtor's receipt, the creditor's daily digest) are worded in the
// catalogue, in the recipient's language, both languages asking for the same values.

function argumentsOf(elements: MessageFormatElement[], into = new Set<string>()): Set<string> {
  for (const el of elements) {
    if (el.type === TYPE.argument || el.type === TYPE.number || el.type === TYPE.date) into.add(el.value);
    if (el.type === TYPE.select || el.type === TYPE.plural) {
      into.add(el.value);
      for (const option of Object.values(el.options)) argumentsOf(option.value, into);
    }
  }
  return into;
}

const leaves = (tree: object, prefix = ''): [string, string][] =>
  Object.entries(tree).flatMap(([k, v]) =>
    typeof v === 'string' ? [[prefix + k, v] as [string, string]] : leaves(v as object, `${prefix}${k}.`),
  );

const row = (over: Partial<Parameters<typeof digestMail>[3][number]> = {}) => ({
  id: 'n1',
  creditor_id: 'c1',
  creditor_name: 'Brasserie du Port',
  reference: 'D0000042',
  debtor: 'SARL Dupont',
  amount_cents: 25_000n,
  currency: 'EUR',
  received_on: '2026-11-20',
  remaining_cents: 75_000n,
  ...over,
});

describe('e-mail catalogue', () => {
  it('has the same messages in both languages, asking for the same values', () => {
    const frLeaves = leaves(fr.emails);
    expect(frLeaves.map(([k]) => k)).toEqual(leaves(en.emails).map(([k]) => k));
    const enByKey = new Map(leaves(en.emails));
    for (const [key, message] of frLeaves)
      expect([...argumentsOf(parse(enByKey.get(key)!))].sort(), key).toEqual([...argumentsOf(parse(message))].sort());
  });

  it('words the receipt e-mail in the debtor’s language', () => {
    const values = {
      receiptNumber: 'Q00000042',
      amount: '300,00 €',
      receivedOn: '20 novembre 2026',
      fileReference: 'D0000042',
      agencyName: 'Recouvra Lyon SAS',
    };
    expect(receiptMail('fr', values)).toEqual({
      subject: 'Quittance Q00000042 — dossier D0000042',
      body:
        'Bonjour,\n\nNous avons bien reçu votre paiement de 300,00 € du 20 novembre 2026 pour le dossier D0000042. ' +
        'Vous trouverez ci-joint votre quittance Q00000042, qui indique comment il a été imputé et ce qui reste dû.' +
        '\n\nRecouvra Lyon SAS',
    });
    expect(receiptMail('en', { ...values, amount: '€300.00', receivedOn: '20 November 2026' })).toEqual({
      subject: 'Receipt Q00000042 — file D0000042',
      body:
        'Hello,\n\nWe received your payment of €300.00 on 20 November 2026 for file D0000042. Your receipt ' +
        'Q00000042 is attached: it shows how the payment was allocated and what remains due.\n\nRecouvra Lyon SAS',
    });
  });

  it('words the digest in the creditor user’s language, one line per payment, figures written its way', () => {
    const rows = [row(), row({ id: 'n2', reference: 'D0000043', amount_cents: 120_050n, remaining_cents: 0n })];
    const french = digestMail('fr', 'Brasserie du Port', 'Recouvra Lyon', rows);
    expect(french.subject).toBe('Recouvra Lyon — 2 paiements reçus pour Brasserie du Port');
    expect(french.text.replace(/\u202f|\u00a0/g, ' ')).toBe(
      'Bonjour,\n\nPaiements reçus sur vos dossiers depuis notre dernier récapitulatif (article R124-5 du CPCE) :\n\n' +
        '- 20/11/2026 — dossier D0000042 (SARL Dupont) : 250,00 € reçus, reste dû 750,00 €\n' +
        '- 20/11/2026 — dossier D0000043 (SARL Dupont) : 1 200,50 € reçus, dossier soldé\n\n' +
        'Le détail est dans votre portail, rubrique Paiements.\n\nRecouvra Lyon',
    );
    const english = digestMail('en', 'Brasserie du Port', 'Recouvra Lyon', rows.slice(0, 1));
    expect(english.subject).toBe('Recouvra Lyon — 1 payment received for Brasserie du Port');
    expect(english.text).toBe(
      'Hello,\n\nPayments received on your files since our last summary (CPCE article R124-5):\n\n' +
        '- 20/11/2026 — file D0000042 (SARL Dupont): €250.00 received, €750.00 still due\n\n' +
        'The details are in your portal, under Payments.\n\nRecouvra Lyon',
    );
  });

  it('shows a creditor’s or debtor’s name as data, never as message syntax', () => {
    const mail = digestMail('en', 'Acme {count}', "O'Brien {x, select, other {y}}", [row({ debtor: "L'Atelier {n}" })]);
    expect(mail.subject).toBe("O'Brien {x, select, other {y}} — 1 payment received for Acme {count}");
    expect(mail.text).toContain("(L'Atelier {n}): €250.00 received");
  });
});
