import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { MANDATE_MESSAGES } from '../../lib/creditors/messages';
import { ACTIVITY_MESSAGES } from '../../lib/activity/schemas';
import { LIMITATION_BASIS_MESSAGES } from '../../lib/cases/limitation-basis-schema';
import { LIMITATION_EVENT_MESSAGES } from '../../lib/cases/limitation-event-schema';
import { AppError } from '../../lib/errors/app-error';
import { describeError, isCatalogueKey, toErrorBody } from '../../lib/errors/describe';
import { readKey } from '../../lib/errors/keys';
import { parseInput } from '../../lib/errors/zod';
import { logger } from '../../lib/log/logger';
import { PAYMENT_MESSAGES } from '../../lib/payments/messages';
import { recordPaymentSchema } from '../../lib/payments/schemas';
import { REPORT_MESSAGES } from '../../lib/reports/schemas';
import { DESIGN_MESSAGES } from '../../lib/scenario-design/messages';
import { SCENARIO_MESSAGES } from '../../lib/scenarios/schemas';
import { QUEUE_MESSAGES } from '../../lib/workqueue/messages';
import { CLAIM_CORRECTION_MESSAGES } from '../../lib/cases/claim-correction-schema';
import { CONTACT_WINDOW_MESSAGES } from '../../lib/compliance/contact-window';
import { CLOSING_MESSAGES } from '../../lib/closing/schemas';
import { PARTNER_MESSAGES } from '../../lib/partners/schemas';

// The one mapper (lib/errors/describe): an AppError's catalogue references → the reader's language.

const shown = (error: unknown, locale: 'fr' | 'en') => describeError(error, locale).body.error;

afterEach(() => vi.restoreAllMocks());

describe('the error mapper', () => {
  it('writes a key with values in French and in English, and gives the reference beside the text', () => {
    const values = { mandate: 'MDT-1', creditor: 'Acme', code: 'ACM', day: '2026-01-31' };
    const error = new AppError('INVALID', { key: 'reasons.mandate.expired', values });
    expect(shown(error, 'fr')).toEqual({
      code: 'INVALID',
      message:
        'Le mandat MDT-1 du créancier Acme (ACM) a expiré le 2026-01-31 : renouvelez-le avant de confier de nouveaux dossiers',
      ref: { key: 'reasons.mandate.expired', values },
    });
    expect(shown(error, 'en').message).toBe(
      'The mandate MDT-1 of creditor Acme (ACM) expired on 2026-01-31: renew it before placing new files',
    );
    expect(toErrorBody(error)).toEqual({ status: 400, body: { error: shown(error, 'en') } });
  });

  it('writes field errors one by one, with the generic line on top', () => {
    const error = AppError.invalid({ receivedOn: PAYMENT_MESSAGES.receivedInFuture, amount: PAYMENT_MESSAGES.amount });
    expect(shown(error, 'fr')).toMatchObject({
      message: 'Rien n’a été enregistré : corrigez les champs signalés.',
      fields: {
        receivedOn: 'La date de réception ne peut pas être dans le futur.',
        amount: 'Indiquez un montant supérieur à 0, par ex. 150 ou 1 234,56.',
      },
      fieldRefs: { receivedOn: { key: 'payments.errors.receivedInFuture' }, amount: { key: 'payments.errors.amount' } },
    });
    expect(shown(error, 'en').fields).toEqual({
      receivedOn: expect.stringMatching(/future/),
      amount: 'Enter an amount above 0, e.g. 150 or 1,234.56.',
    });
  });

  it('turns a schema refusal into field references, with zod bounds as values', () => {
    let thrown: unknown;
    try {
      parseInput(recordPaymentSchema, { fileId: 'nope', amount: 'douze', method: 'CASH', receivedOn: '', extra: 1 });
    } catch (error) {
      thrown = error;
    }
    const fr = shown(thrown, 'fr');
    expect(fr.code).toBe('INVALID');
    expect(fr.fields).toMatchObject({
      amount: 'Indiquez un montant supérieur à 0, par ex. 150 ou 1 234,56.',
      receivedOn: 'Obligatoire.',
    });
    // A note one character too long: `{max}` comes from the schema's own bound.
    const note = z.object({ note: z.string().max(5, ACTIVITY_MESSAGES.maxText(5)) });
    expect(() => parseInput(note, { note: 'abcdef' })).toThrow(AppError);
    try {
      parseInput(note, { note: 'abcdef' });
    } catch (error) {
      expect(shown(error, 'en').fields).toEqual({ note: '5 characters at most.' });
      expect(shown(error, 'fr').fields?.note).toContain('5');
    }
  });

  it('maps a raw zod error, and zod’s own messages, to generic references in the reader’s language', () => {
    const result = z
      .object({ n: z.number().max(3), s: z.string() })
      .strict()
      .safeParse({ n: 9, x: 1 });
    const fr = shown(result.error, 'fr');
    expect(fr.code).toBe('INVALID');
    expect(fr.fields).toEqual({ n: 'Trop grand : 3 au plus.', s: 'Obligatoire.', _: 'Champs inconnus : x.' });
  });

  it('never shows zod’s own English, nor a key the catalogue lacks', () => {
    const result = z
      .object({ id: z.uuid(), kind: z.enum(['A', 'B']) })
      .safeParse({ id: 'x', kind: 'C' }, { reportInput: true });
    expect(shown(result.error, 'fr').fields).toEqual({ id: 'Valeur invalide.', kind: 'Valeur invalide.' });
    expect(shown(new AppError('CONFLICT', 'this file already has a plan'), 'en').message).toBe('Invalid value.');
  });

  it('renders a value that is itself a catalogue entry in the reader’s language (a field’s name)', () => {
    const error = AppError.invalid({
      'mapping.amount': { key: 'errors.imports.noColumn', values: { field: { key: 'imports.fields.amount' } } },
    });
    expect(shown(error, 'fr').fields).toEqual({ 'mapping.amount': 'Aucune colonne choisie pour « Montant dû ».' });
    expect(shown(error, 'en').fields).toEqual({ 'mapping.amount': 'No column chosen for “Amount due”.' });
  });

  it('says nothing of an unknown failure: INTERNAL, generic text, the detail only in the log', () => {
    const log = vi.spyOn(logger, 'error').mockImplementation(() => {});
    const secret = new Error('connection to db-primary:5432 refused for user recouvra_app');
    const { status, body } = describeError(secret, 'fr');
    expect(status).toBe(500);
    expect(body.error).toEqual({
      code: 'INTERNAL',
      message: 'Une erreur inattendue s’est produite ; rien n’a été enregistré. Réessayez.',
      ref: { key: 'errors.codes.INTERNAL' },
    });
    expect(JSON.stringify(body)).not.toContain('db-primary');
    expect(log).toHaveBeenCalledWith({ err: secret }, 'unexpected error');
  });

  it('picks the reader’s text of a value only the thrower could write', () => {
    const error = new AppError('CONFLICT', {
      key: 'errors.stale.changed',
      values: {
        reference: 'D1',
        version: 3,
        expected: 2,
        who: { fr: 'une tâche automatique', en: 'an automatic job' },
        at: { fr: '07/12/2026 10:00', en: '07/12/2026, 10:00' },
        what: { fr: 'Appel', en: 'Call' },
      },
    });
    expect(shown(error, 'fr').message).toContain('par une tâche automatique');
    expect(shown(error, 'en').message).toContain('by an automatic job');
    expect(shown(error, 'en').ref.values).toMatchObject({ who: 'an automatic job', what: 'Call' });
  });

  it('every key a module throws or gives zod is in both catalogues', () => {
    const tables = [
      PAYMENT_MESSAGES,
      MANDATE_MESSAGES,
      QUEUE_MESSAGES,
      REPORT_MESSAGES,
      SCENARIO_MESSAGES,
      DESIGN_MESSAGES,
      ACTIVITY_MESSAGES,
      LIMITATION_EVENT_MESSAGES,
      LIMITATION_BASIS_MESSAGES,
      CLAIM_CORRECTION_MESSAGES,
      CONTACT_WINDOW_MESSAGES,
      CLOSING_MESSAGES,
      PARTNER_MESSAGES,
    ];
    for (const table of tables) {
      for (const value of Object.values(table)) {
        const ref = readKey(typeof value === 'function' ? value(1) : value)!;
        expect(isCatalogueKey(ref.key), ref.key).toBe(true);
        for (const locale of ['fr', 'en'] as const)
          expect(shown(new AppError('INVALID', ref), locale).message, ref.key).not.toBe(ref.key);
      }
    }
  });
});
