import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import en from '@/messages/en.json';
import fr from '@/messages/fr.json';
import { formatOf, isOptional, presenceArg } from '@/lib/history/fields';
import { TIMELINE_KIND_NAMES, TIMELINE_KINDS, type TimelineKind } from '@/lib/history/kinds';
import { timelineRenderer } from '@/lib/history/render';

// Every kind a writer can store has a message in both catalogues, using only the values its schema gives, and
// every code a label field may hold has its word in both languages.

const CATALOGUES = { fr, en } as const;

function lookup(tree: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], tree);
}

function argumentsOf(elements: MessageFormatElement[], into = new Set<string>()): Set<string> {
  for (const el of elements) {
    if (el.type === TYPE.argument || el.type === TYPE.number || el.type === TYPE.date || el.type === TYPE.time)
      into.add(el.value);
    if (el.type === TYPE.select || el.type === TYPE.plural) {
      into.add(el.value);
      for (const option of Object.values(el.options)) argumentsOf(option.value, into);
    }
    if (el.type === TYPE.tag) argumentsOf(el.children, into);
  }
  return into;
}

const shapeOf = (kind: TimelineKind) => TIMELINE_KINDS[kind].shape as Record<string, z.ZodType>;

describe('timeline catalogue', () => {
  it.each(TIMELINE_KIND_NAMES)('%s has a message in both languages using only its own values', (kind) => {
    const shape = shapeOf(kind);
    const allowed = new Set(Object.keys(shape).flatMap((name) => [name, presenceArg(name)]));
    for (const [locale, catalogue] of Object.entries(CATALOGUES)) {
      const message = lookup(catalogue, `timeline.${kind}`);
      expect(typeof message, `${locale}: timeline.${kind}`).toBe('string');
      const used = [...argumentsOf(parse(message as string))];
      expect(
        used.filter((a) => !allowed.has(a)),
        `${locale}: timeline.${kind} uses values its details do not have`,
      ).toEqual([]);
    }
    // French and English ask for the same values: a value shown in one language is not lost in the other.
    const frArgs = [...argumentsOf(parse(lookup(fr, `timeline.${kind}`) as string))].sort();
    const enArgs = [...argumentsOf(parse(lookup(en, `timeline.${kind}`) as string))].sort();
    expect(enArgs).toEqual(frArgs);
  });

  it('has a word in both languages for every code a label field can hold', () => {
    const missing: string[] = [];
    for (const kind of TIMELINE_KIND_NAMES) {
      for (const [name, field] of Object.entries(shapeOf(kind))) {
        const format = formatOf(field);
        if (format.as !== 'label' && format.as !== 'labels') continue;
        let inner: z.ZodType = field;
        while (isOptional(inner)) inner = (inner as z.ZodOptional<z.ZodType>).unwrap();
        const codes: string[] =
          format.as === 'labels'
            ? (inner as z.ZodArray<z.ZodEnum>).element.options.map(String)
            : (inner as z.ZodEnum).options.map(String);
        for (const code of codes)
          for (const [locale, catalogue] of Object.entries(CATALOGUES))
            if (typeof lookup(catalogue, `${format.ns}.${code}`) !== 'string')
              missing.push(`${locale} ${kind}.${name}: ${format.ns}.${code}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('renders a payment in each language with its figures in that language', () => {
    const line = {
      kind: 'payment.recorded',
      details: {
        amountCents: 110_000,
        receivedOn: '2026-12-02',
        method: 'CHEQUE',
        receiptNumber: 'Q-2026-000042',
        creditCents: 10_000,
        remainingCents: 0,
        currency: 'EUR',
      },
    };
    const frText = timelineRenderer('fr', 'Europe/Paris')(line).replace(/\s/g, ' ');
    const enText = timelineRenderer('en', 'Europe/Paris')(line);
    expect(frText).toBe(
      'Paiement de 1 100,00 € reçu le 2 déc. 2026 (chèque) — quittance Q-2026-000042 — trop-perçu de 100,00 € conservé en avoir au profit du débiteur (ni refusé ni perdu) — dossier soldé',
    );
    expect(enText).toBe(
      'Payment of €1,100.00 received on 2 Dec 2026 (cheque) — receipt Q-2026-000042 — overpayment of €100.00 kept as a credit for the debtor (neither refused nor lost) — file paid in full',
    );
  });

  it('shows a time of day in the agency time zone and an optional value only when it is there', () => {
    const fr = timelineRenderer('fr', 'Europe/Paris');
    const postponed = fr({
      kind: 'scenario.step_postponed',
      details: { reason: 'OUTSIDE_CONTACT_WINDOW', step: 1, until: '2026-12-05T07:00:00.000Z' },
    });
    expect(postponed).toMatch(/^Étape 2 reportée au 5 déc\. 2026.*08:00 — hors des heures de contact/);
    expect(fr({ kind: 'task.completed', details: { taskKind: 'CALLBACK', note: null } })).toBe(
      'Tâche « Rappel » terminée',
    );
    expect(fr({ kind: 'task.completed', details: { taskKind: 'CALLBACK', note: 'Joint, rappelle lundi' } })).toBe(
      'Tâche « Rappel » terminée — Joint, rappelle lundi',
    );
  });

  it('counts step 0 as the first step, not as a missing one', () => {
    const fr = timelineRenderer('fr', 'Europe/Paris');
    expect(fr({ kind: 'task.created', details: { channel: 'CALL_TASK', step: 0 } })).toBe(
      'Étape 1 : tâche d’appel ajoutée à la file de travail',
    );
    expect(fr({ kind: 'task.created', details: { channel: 'CALL_TASK' } })).toBe(
      'tâche d’appel ajoutée à la file de travail',
    );
  });

  it('shows a line it cannot read as a plain file event, never as raw data', () => {
    const en = timelineRenderer('en', 'Europe/Paris');
    expect(en({ kind: 'scenario.step_failed', details: { reason: 'ECONNREFUSED 10.0.0.3:5432' } })).toBe('File event');
    expect(en({ kind: 'made.up', details: {} })).toBe('File event');
  });

  it('never carries an error text in a failed step: the schema drops nothing it does not know, but shows none of it', () => {
    const en = timelineRenderer('en', 'Europe/Paris');
    const text = en({
      kind: 'scenario.step_failed',
      details: { step: 2, failures: 5, paused: true, error: 'password authentication failed for user "app"' },
    });
    expect(text).toBe(
      'Step 3 failed: the agency has been alerted; scenario paused after 5 failures, to be resumed by hand',
    );
  });
});
