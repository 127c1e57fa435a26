import { getLocale, getTranslations } from 'next-intl/server';
import { setLocale } from '@/app/actions/locale';
import { LOCALES } from '@/lib/i18n/locales';

export async function LocaleSwitcher() {
  const [locale, t] = await Promise.all([getLocale(), getTranslations('nav')]);
  return (
    <form action={setLocale} className="flex items-center gap-1" aria-label={t('language')}>
      {LOCALES.map((l) => (
        <button
          key={l}
          name="locale"
          value={l}
          aria-pressed={l === locale}
          className={`rounded px-2 py-1 text-xs font-medium uppercase ${
            l === locale ? 'bg-white/20 text-white' : 'text-brand-100 hover:text-white'
          }`}
        >
          {l}
        </button>
      ))}
    </form>
  );
}
