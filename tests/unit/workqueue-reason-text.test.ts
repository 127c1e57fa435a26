import { createTranslator } from 'next-intl';
import { describe, expect, it } from 'vitest';
import { reasonText } from '../../components/queue/reason-text';
import en from '../../messages/en.json';
import fr from '../../messages/fr.json';
import { QUEUE_MESSAGES } from '../../lib/workqueue/messages';
import type { Reason, ReasonCode } from '../../lib/workqueue/rules';

const TODAY = '2026-11-25';
const nbsp = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

function say(locale: 'fr' | 'en', reason: Reason): string {
  const t = createTranslator({ locale, messages: locale === 'fr' ? fr : en, namespace: 'queue' });
  return nbsp(reasonText(t as never, reason, { today: TODAY, currency: 'EUR', locale }));
}

/** One example of every reason, as the score writes it. */
const EXAMPLES: Record<ReasonCode, Reason> = {
  CALLBACK_DUE: { code: 'CALLBACK_DUE', points: 100, params: { on: TODAY, kind: 'CALLBACK', time: '14:30' } },
  PROMISE_OVERDUE: { code: 'PROMISE_OVERDUE', points: 90, params: { on: '2026-11-24', amountCents: 45_000 } },
  INSTALMENT_MISSED: {
    code: 'INSTALMENT_MISSED',
    points: 85,
    params: { on: '2026-11-24', count: 2, amountCents: 24_000 },
  },
  PROMISE_BROKEN: { code: 'PROMISE_BROKEN', points: 80, params: { on: '2026-11-20', amountCents: 30_000 } },
  LIMITATION_SOON: { code: 'LIMITATION_SOON', points: 80, params: { on: '2026-12-15' } },
  TASK_DUE: { code: 'TASK_DUE', points: 80, params: { on: '2026-11-20', kind: 'INSOLVENCY_FOLLOW_UP' } },
  DISPUTE_OPEN: { code: 'DISPUTE_OPEN', points: 70, params: { on: '2026-11-18' } },
  PROMISE_DUE_TODAY: { code: 'PROMISE_DUE_TODAY', points: 60, params: { on: TODAY, amountCents: 12_000 } },
  INSTALMENT_LATE: { code: 'INSTALMENT_LATE', points: 55, params: { on: '2026-11-22', amountCents: 10_000 } },
  SCENARIO_STEP: { code: 'SCENARIO_STEP', points: 45, params: { on: TODAY, kind: 'CALL' } },
  NEW_FILE: { code: 'NEW_FILE', points: 40, params: { on: '2026-11-05' } },
  LIMITATION_NEAR: { code: 'LIMITATION_NEAR', points: 40, params: { on: '2027-01-24' } },
  LIMITATION_PASSED: { code: 'LIMITATION_PASSED', points: 30, params: { on: '2026-10-01' } },
  NO_RECENT_CONTACT: { code: 'NO_RECENT_CONTACT', points: 25, params: { on: '2026-09-11' } },
  AMOUNT: { code: 'AMOUNT', points: 50, params: { amountCents: 2_000_000 } },
  DEBT_AGE: { code: 'DEBT_AGE', points: 10, params: { on: '2026-10-01' } },
  BROKEN_PROMISES: { code: 'BROKEN_PROMISES', points: 10, params: { count: 1 } },
  KEPT_PROMISES: { code: 'KEPT_PROMISES', points: -20, params: { count: 4 } },
};

describe('reason texts', () => {
  it('say every reason in French', () => {
    const said = Object.fromEntries(Object.entries(EXAMPLES).map(([code, r]) => [code, say('fr', r)]));
    expect(said).toEqual({
      CALLBACK_DUE: "Rappel prévu aujourd'hui à 14:30",
      PROMISE_OVERDUE: 'Promesse échue hier — 450,00 €',
      INSTALMENT_MISSED: '2 échéances impayées, plan rompu — 240,00 €',
      PROMISE_BROKEN: 'Promesse non tenue le 20 nov. 2026 — 300,00 €',
      LIMITATION_SOON: 'Prescription dans 20 jours (15 déc. 2026)',
      TASK_DUE: 'Suivi de procédure collective à faire (échéance le 20 nov. 2026)',
      DISPUTE_OPEN: 'Contestation à traiter depuis 7 jours',
      PROMISE_DUE_TODAY: "Promesse à échéance aujourd'hui — 120,00 €",
      INSTALMENT_LATE: 'Échéance du 22 nov. 2026 en retard de 3 jours — 100,00 €',
      SCENARIO_STEP: 'Étape du scénario : Appel (le 25 nov. 2026)',
      NEW_FILE: 'Jamais contacté (confié il y a 20 jours)',
      LIMITATION_NEAR: 'Prescription le 24 janv. 2027 (dans 60 jours)',
      LIMITATION_PASSED: 'Prescription acquise le 1 oct. 2026 : décision à prendre',
      NO_RECENT_CONTACT: 'Sans contact depuis 75 jours',
      AMOUNT: '20 000,00 € en jeu',
      DEBT_AGE: 'Impayé récent (55 jours)',
      BROKEN_PROMISES: '1 promesse non tenue par le passé',
      KEPT_PROMISES: '4 promesses tenues par le passé',
    });
  });

  it('say an overdue callback with its day, and every reason in English', () => {
    const late = { ...EXAMPLES.CALLBACK_DUE, params: { on: '2026-11-23', kind: 'CALLBACK', time: '09:15' } };
    expect(say('fr', late)).toBe('Rappel en retard, prévu le 23 nov. 2026 à 09:15');
    expect(say('en', EXAMPLES.PROMISE_OVERDUE)).toBe('Promise due yesterday — €450.00');
    expect(say('en', { ...EXAMPLES.PROMISE_OVERDUE, params: { on: '2026-11-21', amountCents: 45_000 } })).toBe(
      'Promise due 4 days ago — €450.00',
    );
    for (const r of Object.values(EXAMPLES)) expect(say('en', r)).not.toMatch(/queue\.|\{|\}/);
  });

  it('has every form message in both languages', () => {
    for (const key of Object.keys(QUEUE_MESSAGES)) {
      expect(fr.queue.errors).toHaveProperty(key);
      expect(en.queue.errors).toHaveProperty(key);
    }
  });
});
