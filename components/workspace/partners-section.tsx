import { getLocale, getTranslations } from 'next-intl/server';
import { filePartnerWork, listPartners } from '@/lib/partners/queries';
import { formatDateTime, formatDay, formatMoney } from '@/lib/i18n/format';
import { toLocale } from '@/lib/i18n/locales';
import type { Actor } from '@/lib/tenancy/actor';
import { HandOverForm, PartnerDocumentForm } from './handover-forms';

const card = 'rounded-lg border border-slate-200 bg-white p-5 shadow-sm';
const heading = 'mb-3 text-sm font-semibold tracking-wide text-slate-500 uppercase';

/** The file's work with partners: hand-overs sent (the pack to download), reports and invoices, costs advanced. */
export async function PartnersSection({ actor, fileId, today }: { actor: Actor; fileId: string; today: string }) {
  const [t, locale, partners, work] = await Promise.all([
    getTranslations('partners'),
    getLocale().then(toLocale),
    listPartners(actor, { activeOnly: true }),
    filePartnerWork(actor, fileId),
  ]);
  const options = partners.map((p) => ({ id: p.id, label: `${p.name} — ${t(`kinds.${p.kind}`)} (${p.courtArea})` }));
  return (
    <section className={card} data-testid="partners-section">
      <h2 className={heading}>{t('section')}</h2>
      {options.length === 0 ? (
        <p className="text-sm text-slate-500">{t('noneActive')}</p>
      ) : (
        <details>
          <summary className="cursor-pointer text-sm font-medium text-brand-700">{t('handover.title')}</summary>
          <div className="mt-2">
            <HandOverForm fileId={fileId} partners={options} />
          </div>
        </details>
      )}
      {work.handovers.length > 0 && (
        <ul className="mt-3 divide-y divide-slate-100 text-sm" data-testid="handovers">
          {work.handovers.map((h) => (
            <li key={h.id} className="py-1.5">
              {t('handover.sent', {
                partner: h.partnerName,
                at: formatDateTime(h.sentAt.toISOString(), locale),
                who: h.sentBy ?? '—',
                count: h.entries.length,
              })}{' '}
              <a className="text-brand-700 hover:underline" href={`/api/handovers/${h.id}/pack`}>
                {t('handover.download')}
              </a>
              {h.messageStatus && (
                <span className="text-xs text-slate-500"> · {t(`handover.mail.${h.messageStatus as 'SENT'}`)}</span>
              )}
            </li>
          ))}
        </ul>
      )}
      {options.length > 0 && (
        <details className="mt-3">
          <summary className="cursor-pointer text-sm font-medium text-brand-700">{t('records.title')}</summary>
          <div className="mt-2">
            <PartnerDocumentForm fileId={fileId} partners={options} today={today} />
          </div>
        </details>
      )}
      {work.records.length > 0 && (
        <ul className="mt-3 divide-y divide-slate-100 text-sm">
          {work.records.map((r) => (
            <li key={r.id} className="py-1.5">
              {formatDay(r.receivedOn, locale)} · {t(`records.kinds.${r.kind}`)} · {r.partnerName}
              {r.reference ? ` · ${r.reference}` : ''}
              {r.amountCents !== null ? ` · ${formatMoney(r.amountCents, 'EUR', locale)}` : ''}
              {r.note ? ` — ${r.note}` : ''}
            </li>
          ))}
        </ul>
      )}
      {work.costs.length > 0 && (
        <p className="mt-3 text-sm font-medium" data-testid="file-costs">
          {t('costs', {
            amount: formatMoney(
              work.costs.reduce((s, c) => s + c.amountCents, 0),
              work.costs[0]!.currency,
              locale,
            ),
          })}
        </p>
      )}
    </section>
  );
}
