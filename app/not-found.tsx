import Link from 'next/link';
import { getTranslations } from 'next-intl/server';

export default async function NotFound() {
  const t = await getTranslations('errors');
  return (
    <main className="mx-auto max-w-md px-6 py-24 text-center">
      <p className="text-5xl font-semibold text-brand-700">404</p>
      <p className="mt-4 text-slate-700">{t('notFound')}</p>
      <Link href="/" className="mt-6 inline-block text-brand-700 underline">
        {t('backHome')}
      </Link>
    </main>
  );
}
