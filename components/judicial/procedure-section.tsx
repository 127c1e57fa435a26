import { getFormatter, getTranslations } from 'next-intl/server';
import { recordStepAction } from '@/app/actions/judicial';
import { kindRenderer } from '@/lib/history/render';
import type { Locale } from '@/lib/i18n/locales';
import { STEP_VALUES, type StepRule } from '@/lib/judicial/catalogue';
import { fileProcedures } from '@/lib/judicial/queries';
import type { Actor } from '@/lib/tenancy/actor';
import { can } from '@/lib/tenancy/permissions';
import { ActionForm } from './action-form';

const input = 'rounded border border-slate-300 px-2 py-1';

/** Which value fields a step form shows: those the steps on offer take. */
function fieldsFor(next: StepRule[]) {
  const kinds = new Set(next.map((s) => s.kind));
  return {
    court: kinds.has('REQUEST_FILED'),
    requestedAmount: kinds.has('REQUEST_FILED'),
    grantedAmount: kinds.has('ORDER_GRANTED') || kinds.has('ORDER_PARTLY_GRANTED') || kinds.has('DECISION_GRANTED'),
    agreedAmount: kinds.has('AGREEMENT_REACHED'),
    hearingOn: kinds.has('HEARING_SET'),
    upheld: kinds.has('APPEAL_DECIDED'),
    costs: next.some((s) => s.awardsCosts),
    note: kinds.has('ABANDONED') || kinds.has('ORDER_PARTLY_GRANTED'),
  };
}

/**
 * The file's judicial procedure: its steps (rendered from the catalogue), its deadlines — a lapsed one is a red line,
 * never silent — the request for an order to pay, and the form for the next step. Nothing when the file never went
 * to court.
 */
export async function ProcedureSection({
  actor,
  fileId,
  locale,
  timeZone,
}: {
  actor: Actor;
  fileId: string;
  locale: Locale;
  timeZone: string;
}) {
  const { procedures } = await fileProcedures({ actor, fileId });
  if (procedures.length === 0) return null;
  const [t, format] = await Promise.all([getTranslations('judicial'), getFormatter()]);
  const renderStep = kindRenderer('judicial.steps', STEP_VALUES, locale, timeZone);
  const day = (d: string) => format.dateTime(new Date(`${d}T00:00:00Z`), { dateStyle: 'medium', timeZone: 'UTC' });
  const canWork = can(actor, 'judicial.work');
  return (
    <section className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm" data-testid="procedure-section">
      <h2 className="mb-2 text-base font-semibold">{t('panel.title')}</h2>
      {procedures.map((p) => {
        const lapsed = p.deadlines.filter((d) => d.state === 'LAPSED');
        const fields = fieldsFor(p.next);
        return (
          <div key={p.id} className="mb-4 space-y-2 text-sm" data-testid="procedure">
            <p className="font-medium">
              {t(`routes.${p.route}`)} · {t('panel.startedOn', { startedOn: day(p.startedOn) })}
              {p.grantedCents !== null &&
                ` · ${t('panel.granted', { amount: format.number(p.grantedCents / 100, { style: 'currency', currency: 'EUR' }) })}`}
              {p.titleOn && ` · ${t('panel.titleOn', { titleOn: day(p.titleOn) })}`}
              {p.holidayRegion !== 'FR' && ` · ${t(`calendars.${p.holidayRegion}`)}`}
              {p.outcome && ` · ${t('panel.outcome', { outcome: t(`outcomes.${p.outcome}`) })}`}
            </p>
            {lapsed.map((d) => (
              <p
                key={d.id}
                role="alert"
                className="rounded bg-red-600 px-3 py-1.5 font-medium text-white"
                data-testid="deadline-lapsed"
              >
                {t('panel.lapsed', { deadline: t(`deadlines.${d.kind}`), dueOn: day(d.dueOn) })}
              </p>
            ))}
            <ol className="list-inside list-decimal text-slate-700" data-testid="procedure-steps">
              {p.steps.map((s) => (
                <li key={s.id}>
                  {day(s.on)} — {renderStep({ kind: s.kind, details: s.details })}
                </li>
              ))}
            </ol>
            {p.deadlines.length > 0 && (
              <ul className="text-slate-700" data-testid="procedure-deadlines">
                {p.deadlines.map((d) => (
                  <li key={d.id} className={d.state === 'LAPSED' ? 'font-medium text-red-700' : ''}>
                    {t(`deadlines.${d.kind}`)} — {t('board.dueOn', { dueOn: day(d.dueOn) })} ·{' '}
                    {t(`deadlineStates.${d.state}`)}
                  </li>
                ))}
              </ul>
            )}
            {p.route === 'INJONCTION_DE_PAYER' && canWork && (
              <a className="inline-block underline" href={`/api/procedures/${p.id}/request`}>
                {t('panel.request')}
              </a>
            )}
            {canWork && p.next.length > 0 && (
              <ActionForm action={recordStepAction} submit={t('panel.submit')} testId="step-form">
                <input type="hidden" name="procedureId" value={p.id} />
                <input type="hidden" name="fileId" value={fileId} />
                <label className="flex flex-col">
                  <span className="text-xs text-slate-500">{t('panel.kind')}</span>
                  <select name="kind" className={input} required defaultValue="">
                    <option value="" disabled>
                      —
                    </option>
                    {p.next.map((s) => (
                      <option key={s.kind} value={s.kind}>
                        {t(`stepNames.${s.kind}`)}
                      </option>
                    ))}
                  </select>
                </label>
                <label className="flex flex-col">
                  <span className="text-xs text-slate-500">{t('panel.on')}</span>
                  <input type="date" name="on" className={input} required />
                </label>
                {fields.court && <Field name="court" label={t('panel.court')} />}
                {fields.requestedAmount && <Field name="requestedAmount" label={t('panel.requestedAmount')} />}
                {fields.grantedAmount && <Field name="grantedAmount" label={t('panel.grantedAmount')} />}
                {fields.agreedAmount && <Field name="agreedAmount" label={t('panel.agreedAmount')} />}
                {fields.hearingOn && <Field name="hearingOn" label={t('panel.hearingOn')} type="date" />}
                {fields.costs && <Field name="courtCosts" label={t('panel.courtCosts')} />}
                {fields.costs && <Field name="article700" label={t('panel.article700')} />}
                {fields.upheld && (
                  <label className="flex items-center gap-1">
                    {/* Unticked sends the hidden "false"; ticked, the box's "true" comes after it and wins. */}
                    <input type="hidden" name="upheld" value="false" />
                    <input type="checkbox" name="upheld" value="true" /> {t('panel.upheld')}
                  </label>
                )}
                {fields.note && <Field name="note" label={t('panel.note')} />}
              </ActionForm>
            )}
          </div>
        );
      })}
    </section>
  );
}

function Field({ name, label, type = 'text' }: { name: string; label: string; type?: string }) {
  return (
    <label className="flex flex-col">
      <span className="text-xs text-slate-500">{label}</span>
      <input type={type} name={name} className={`${input} w-36`} />
    </label>
  );
}
