import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { PartnerForm } from '@/components/partners/partner-form';
import { requireActor } from '@/lib/auth/session';
import { listPartners } from '@/lib/partners/queries';
import { can } from '@/lib/tenancy/permissions';

const card = 'rounded-lg border border-slate-200 bg-white p-5 shadow-sm';
const heading = 'mb-3 text-sm font-semibold tracking-wide text-slate-500 uppercase';

/** The agency's commissaires de justice and lawyers: who, where they act, how to reach them, what they charge. */
export default async function PartnersPage() {
  const actor = await requireActor();
  if (!can(actor, 'partners.manage')) notFound();
  const [t, partners] = await Promise.all([getTranslations('partners'), listPartners(actor)]);
  return (
    <main className="mx-auto max-w-7xl space-y-6 px-6 py-8">
      <h1 className="text-2xl font-semibold tracking-tight">{t('title')}</h1>
      <section className={card}>
        <table className="w-full text-sm" data-testid="partners-table">
          <thead className="text-left text-xs text-slate-500">
            <tr>
              <th className="py-1 font-medium">{t('form.name')}</th>
              <th className="py-1 font-medium">{t('form.kind')}</th>
              <th className="py-1 font-medium">{t('form.courtArea')}</th>
              <th className="py-1 font-medium">{t('form.email')}</th>
              <th className="py-1 font-medium">{t('form.feeTerms')}</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {partners.length === 0 && (
              <tr>
                <td colSpan={5} className="py-2 text-slate-500">
                  {t('none')}
                </td>
              </tr>
            )}
            {partners.map((p) => (
              <tr key={p.id} className={p.active ? '' : 'text-slate-400'}>
                <td className="py-1.5">
                  <Link href={`/partners/${p.id}`} className="text-brand-700 hover:underline">
                    {p.name}
                  </Link>
                  {!p.active && ` (${t('inactive')})`}
                </td>
                <td className="py-1.5">{t(`kinds.${p.kind}`)}</td>
                <td className="py-1.5">
                  {p.courtArea}
                  {p.departments.length > 0 && <span className="text-slate-500"> · {p.departments.join(', ')}</span>}
                </td>
                <td className="py-1.5">
                  {p.email}
                  {p.phone && <span className="text-slate-500"> · {p.phone}</span>}
                </td>
                <td className="py-1.5 text-slate-600">{p.feeTerms}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section className={card}>
        <h2 className={heading}>{t('add')}</h2>
        <PartnerForm />
      </section>
    </main>
  );
}
