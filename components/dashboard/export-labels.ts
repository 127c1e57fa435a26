import { getLocale, getTranslations } from 'next-intl/server';
import { toLocale } from '@/lib/i18n/locales';
import type { FileListLabels } from '@/lib/reports/creditor-files';
import type { ExportLabels } from '@/lib/reports/export';

/** Column and sheet titles for the downloads, in the user's language (the `dashboard.labels` catalogue). */
export async function exportLabels(): Promise<ExportLabels & { fileList: FileListLabels }> {
  const locale = toLocale(await getLocale());
  const t = await getTranslations('dashboard.labels');
  const tp = await getTranslations('phase');
  const ts = await getTranslations('status');
  const phase = (p: string) => tp(p as never);
  const status = (s: string) => ts(s as never);
  return {
    locale,
    text: (key) => t(key as never),
    phase,
    status,
    channel: (c) => (t.has(`channels.${c}` as never) ? t(`channels.${c}` as never) : c),
    fileList: {
      columns: {
        reference: t('reference'),
        debtor: t('debtor'),
        placedOn: t('placedOn'),
        phase: t('phase'),
        status: t('status'),
        closedOn: t('closedOn'),
        placed: t('placed'),
        recovered: t('recovered'),
        collected: t('collected'),
        outstanding: t('outstanding'),
      },
      phase,
      status,
    },
  };
}

/** A file name without characters a browser or a file system could trip on. */
export function downloadName(base: string, extension: string): string {
  const safe = base
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
  return `${safe || 'export'}.${extension}`;
}
