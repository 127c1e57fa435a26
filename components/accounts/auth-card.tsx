import type { ReactNode } from 'react';
import { getTranslations } from 'next-intl/server';
import { LocaleSwitcher } from '@/components/locale-switcher';

/** The frame of the pages before sign-in: the product's name, the language, one card. */
export async function AuthCard({ title, children }: { title: string; children: ReactNode }) {
  const t = await getTranslations();
  return (
    <main className="flex min-h-screen items-center justify-center bg-brand-900 px-4">
      <div className="w-full max-w-sm">
        <div className="mb-6 flex items-end justify-between text-white">
          <div>
            <p className="text-3xl font-semibold tracking-tight">{t('app.name')}</p>
            <p className="text-sm text-brand-100">{t('app.tagline')}</p>
          </div>
          <LocaleSwitcher />
        </div>
        <div className="rounded-lg bg-white p-6 shadow-xl">
          <h1 className="mb-4 text-lg font-semibold">{title}</h1>
          {children}
        </div>
      </div>
    </main>
  );
}
