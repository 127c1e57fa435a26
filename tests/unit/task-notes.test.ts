import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import en from '@/messages/en.json';
import fr from '@/messages/fr.json';
import { formatOf, isOptional, presenceArg } from '@/lib/history/fields';
import { checkTaskNote, TASK_NOTE_KEYS, TASK_NOTES, taskNote, taskNoteText } from '@/lib/tasks/notes';

// What the application says on a task is a catalogue key and its values: every key has its message in both
// languages using only its own values, and a task reads in the language of whoever opens it.

const CATALOGUES = { fr, en } as const;
const lookup = (tree: unknown, path: string): unknown =>
  path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], tree);

function argumentsOf(elements: MessageFormatElement[], into = new Set<string>()): Set<string> {
  for (const el of elements) {
    if (el.type === TYPE.argument || el.type === TYPE.number || el.type === TYPE.date || el.type === TYPE.time)
      into.add(el.value);
    if (el.type === TYPE.select || el.type === TYPE.plural) {
      into.add(el.value);
      for (const option of Object.values(el.options)) argumentsOf(option.value, into);
    }
  }
  return into;
}

const plain = (text: string | null) => text?.replace(/\s/g, ' ') ?? null;
const read = (ref: unknown, locale: 'fr' | 'en', note: string | null = null) =>
  plain(taskNoteText({ note, noteRef: ref }, locale, 'Europe/Paris'));

describe('task notes catalogue', () => {
  it.each(TASK_NOTE_KEYS)('%s has a message in both languages using the same values, its own', (key) => {
    const shape = TASK_NOTES[key].shape as Record<string, z.ZodType>;
    const allowed = new Set(Object.keys(shape).flatMap((name) => [name, presenceArg(name)]));
    const used = Object.fromEntries(
      Object.entries(CATALOGUES).map(([locale, catalogue]) => {
        const message = lookup(catalogue, `taskNotes.${key}`);
        expect(typeof message, `${locale}: taskNotes.${key}`).toBe('string');
        return [locale, [...argumentsOf(parse(message as string))].sort()];
      }),
    );
    expect(used.fr!.filter((a) => !allowed.has(a))).toEqual([]);
    expect(used.en).toEqual(used.fr);
  });

  it('has a word in both languages for every code a label value can hold', () => {
    const missing: string[] = [];
    for (const key of TASK_NOTE_KEYS)
      for (const [name, field] of Object.entries(TASK_NOTES[key].shape as Record<string, z.ZodType>)) {
        const format = formatOf(field);
        if (format.as !== 'label') continue;
        let inner: z.ZodType = field;
        while (isOptional(inner)) inner = (inner as z.ZodOptional<z.ZodType>).unwrap();
        for (const code of (inner as z.ZodEnum).options.map(String))
          for (const [locale, catalogue] of Object.entries(CATALOGUES))
            if (typeof lookup(catalogue, `${format.ns}.${code}`) !== 'string')
              missing.push(`${locale} ${key}.${name}: ${format.ns}.${code}`);
      }
    expect(missing).toEqual([]);
  });

  it('reads the 4-month declaration deadline in each language, with its days in that language', () => {
    const ref = taskNote('insolvency.declare', {
      event: 'RECEIVERSHIP',
      publishedOn: '2026-10-31',
      deadline: '2027-02-28',
      months: 4,
      lapsed: false,
    });
    expect(read(ref, 'fr')).toBe(
      'Redressement judiciaire : jugement d’ouverture publié au BODACC le 31 oct. 2026. Déclarer la créance au ' +
        'mandataire judiciaire au plus tard le 28 févr. 2027 (4 mois après la publication, C. com. L622-24, R622-24).',
    );
    expect(read(ref, 'en')).toBe(
      'Receivership: opening judgment published in the BODACC on 31 Oct 2026. Declare the claim to the ' +
        'court-appointed administrator by 28 Feb 2027 (4 months after publication, Commercial Code L622-24, R622-24).',
    );
    const lapsed = { ...ref, values: { ...ref.values, lapsed: true } };
    expect(read(lapsed, 'fr')).toMatch(/ Délai dépassé : demander un relevé de forclusion \(L622-26\)\.$/);
    expect(read(lapsed, 'en')).toMatch(/ Deadline passed: apply for relief from foreclosure \(L622-26\)\.$/);
  });

  it('shows the step of a scenario task 1-based, and none when it is not known', () => {
    expect(read(taskNote('scenario.step', { channel: 'CALL_TASK', step: 0 }), 'fr')).toBe(
      'Étape 1 du scénario : tâche d’appel',
    );
    expect(read(taskNote('scenario.step', { channel: 'VISIT_TASK' }), 'en')).toBe('Scenario step: visit task');
  });

  it('puts what a person typed after what the application says, and shows typed text as typed', () => {
    expect(read(taskNote('dispute.upheld', {}), 'en', 'Avoir AV-12 demandé le 3/12')).toBe(
      'Dispute upheld: ask the creditor to correct the claim (credit note) or to withdraw the file. Avoir AV-12 demandé le 3/12',
    );
    expect(read(null, 'en', 'Rappeler après 14 h')).toBe('Rappeler après 14 h');
    expect(read(null, 'fr')).toBeNull();
  });

  it('shows a stored reference it cannot read as an unreadable note, never as raw data', () => {
    expect(read({ key: 'made.up', values: { x: 1 } }, 'en')).toBe('(unreadable note)');
    expect(read({ key: 'letter.returned', values: { reference: 42 } }, 'fr')).toBe('(note illisible)');
  });

  it('refuses to store a reference its key cannot show', () => {
    expect(() => checkTaskNote({ key: 'letter.returned', values: { reference: 'L-1', extra: 'x' } } as never)).toThrow(
      /letter\.returned/,
    );
    expect(() =>
      checkTaskNote({ key: 'company.review', values: { event: 'FIRE', occurredOn: '2026-12-01' } } as never),
    ).toThrow(/event/);
    expect(() => checkTaskNote({ key: 'nope' } as never)).toThrow(/Unknown task note/);
    expect(checkTaskNote(taskNote('address.missing', {}))).toEqual({ key: 'address.missing', values: {} });
  });
});
