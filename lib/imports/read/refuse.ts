import { AppError } from '../../errors/app-error';

/** Every refusal of an uploaded file: INVALID, the message repeated on the `file` field for the upload form. */
export function refuse(message: string): AppError {
  return AppError.invalid(message, { file: message });
}

/** "50 MB", "1.5 MB", "800 KB": sizes as a creditor reads them (binary units, like the upload limit). */
export function formatSize(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  if (mb >= 1) return `${Number(mb.toFixed(1))} MB`;
  const kb = bytes / 1024;
  if (kb >= 1) return `${Number(kb.toFixed(1))} KB`;
  return `${bytes} bytes`;
}
