import type { ScenarioDraftInput } from '../../lib/scenario-design/schemas';

// Scenarios as a manager would design them, for the designer's unit tests. Calendar days from placement, so
// the day numbers read as the trade writes them (J+0 letter, J+7 e-mail and SMS, J+14 call, J+21 formal
// notice, J+35 pre-judicial warning, J+50 escalation).

const J = (days: number) => ({ days, kind: 'CALENDAR', from: 'PLACEMENT' }) as const;

const EMAIL = {
  fr: {
    subject: 'Dossier {{fileReference}} : facture impayée auprès de {{creditorName}}',
    body: 'Bonjour {{debtorName}},\n\nLa somme de {{amountDue}} due à {{creditorName}} reste impayée. Réglez-la sur le compte {{iban}}.\n\n{{agencyName}}',
  },
  en: {
    subject: 'File {{fileReference}}: unpaid invoice owed to {{creditorName}}',
    body: 'Dear {{debtorName}},\n\nThe sum of {{amountDue}} owed to {{creditorName}} is still unpaid. Please pay it to {{iban}}.\n\n{{agencyName}}',
  },
};
const SMS = {
  fr: { body: '{{agencyName}} : dossier {{fileReference}}, {{amountDue}} restent dus à {{creditorName}}.' },
};
const CALL = { fr: { body: 'Appeler {{debtorName}} au sujet du dossier {{fileReference}} ({{amountDue}}).' } };
const VISIT = { fr: { body: 'Visite sur place chez {{debtorName}} (dossier {{fileReference}}, {{amountDue}}).' } };

export const STANDARD_B2C: ScenarioDraftInput = {
  name: 'Standard B2C',
  description: 'Particuliers',
  rules: { debtorKinds: ['PERSON'] },
  steps: [
    { delay: J(0), channels: ['SIMPLE_LETTER'] },
    { delay: J(7), channels: ['EMAIL', 'SMS'], templates: { EMAIL, SMS } },
    { delay: J(14), channels: ['CALL_TASK'], templates: { CALL_TASK: CALL } },
    { delay: J(21), channels: ['FORMAL_NOTICE'], deadlineDays: 8 },
    { delay: J(35), channels: ['PRE_JUDICIAL_WARNING'], deadlineDays: 15 },
    { delay: J(50), channels: ['ESCALATE'] },
  ],
};

/** The means follow the amount due: a site visit from 15,000 €, no escalation under 500 €. */
export const STANDARD_B2B_TIERS: ScenarioDraftInput = {
  name: 'Standard B2B (paliers)',
  description: 'Entreprises',
  priority: 5,
  rules: { debtorKinds: ['COMPANY'], natures: ['B2B'], minDueCents: 10_000, maxDueCents: 10_000_000 },
  steps: [
    { delay: J(0), channels: ['SIMPLE_LETTER'] },
    { delay: J(7), channels: ['EMAIL', 'SMS'], templates: { EMAIL, SMS } },
    { delay: J(14), channels: ['CALL_TASK'], templates: { CALL_TASK: CALL } },
    { delay: J(21), channels: ['FORMAL_NOTICE'], deadlineDays: 8 },
    {
      delay: J(28),
      channels: ['VISIT_TASK'],
      templates: { VISIT_TASK: VISIT },
      conditions: { minDueCents: 1_500_000 },
    },
    { delay: J(35), channels: ['PRE_JUDICIAL_WARNING'], deadlineDays: 15, conditions: { minDueCents: 50_000 } },
    { delay: J(50), channels: ['ESCALATE'], conditions: { minDueCents: 50_000 } },
  ],
};
