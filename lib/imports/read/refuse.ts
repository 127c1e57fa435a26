import { AppError } from '../../errors/app-error';

/**
 * Every refusal of an uploaded file: INVALID, its catalogue key (`reasons.file.*`) repeated on the `file` field
 * for the upload form; the mapper (lib/errors/describe) writes it in the reader's language.
 */
export function refuse(key: string, values?: Record<string, string>): AppError {
  const ref = { key: `reasons.file.${key}`, ...(values ? { values } : {}) };
  return new AppError('INVALID', ref, { file: ref });
}

/** "50 MB", "1.5 MB", "800 KB": sizes as a creditor reads them (binary units, like the upload limit). */
export function formatSize(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  if (mb >= 1) return `${Number(mb.toFixed(1))} MB`;
  const kb = bytes / 1024;
  if (kb >= 1) return `${Number(kb.toFixed(1))} KB`;
  return `${bytes} bytes`;
}
