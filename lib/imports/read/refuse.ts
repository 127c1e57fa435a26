import { AppError } from '../../errors/app-error';
import { translate } from '../../i18n/translate';

/**
 * Every refusal of an uploaded file: INVALID, with the message in English (API, command line, logs) repeated on
 * the `file` field for the upload form, and its catalogue key (`reasons.file.*`) so screens show it in French.
 */
export function refuse(key: string, values?: Record<string, string>): AppError {
  const ref = { key: `file.${key}`, values };
  const message = translate(ref, 'en');
  return new AppError('INVALID', message, { file: message }, ref);
}

/** "50 MB", "1.5 MB", "800 KB": sizes as a creditor reads them (binary units, like the upload limit). */
export function formatSize(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  if (mb >= 1) return `${Number(mb.toFixed(1))} MB`;
  const kb = bytes / 1024;
  if (kb >= 1) return `${Number(kb.toFixed(1))} KB`;
  return `${bytes} bytes`;
}
