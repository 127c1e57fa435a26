import { AppError, ref } from '../errors/app-error';
import { ATTACHMENT_LIMITS } from './attachment-limits';

export type AttachmentType = 'application/pdf' | 'image/jpeg' | 'image/png';

export interface UploadedFile {
  name: string;
  bytes: Uint8Array;
}

export interface CheckedAttachment extends UploadedFile {
  contentType: AttachmentType;
}

const starts = (b: Uint8Array, sig: readonly number[], at = 0) => sig.every((v, i) => b[at + i] === v);
const tail = (b: Uint8Array, n: number) => Buffer.from(b.subarray(Math.max(0, b.length - n))).toString('latin1');
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] as const;
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

/**
 * The type a file's bytes say it is, whatever its name or the browser claims; null for anything else. Beyond the
 * magic number, each must end as its format ends (PDF's %%EOF, JPEG's end-of-image marker, PNG's IEND chunk), which
 * turns away a truncated upload and a script or archive renamed .pdf.
 */
export function sniffType(b: Uint8Array): AttachmentType | null {
  if (starts(b, ascii('%PDF-')) && tail(b, 1024).includes('%%EOF')) return 'application/pdf';
  if (starts(b, [0xff, 0xd8, 0xff]) && b.length > 4 && b[b.length - 2] === 0xff && b[b.length - 1] === 0xd9)
    return 'image/jpeg';
  if (starts(b, PNG) && starts(b, ascii('IHDR'), 12) && tail(b, 12).startsWith('IEND', 4)) return 'image/png';
  return null;
}

/** A name safe to show and to offer back for download: no path, no control characters, at most 200 characters. */
export function cleanName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return (clean || 'document').slice(-200);
}

const refused = (key: string, values: Record<string, string | number> = {}) =>
  AppError.invalid({ attachments: ref(`debtorPage.attachmentErrors.${key}`, values) });

/** Checks what the debtor attached, all of it before anything is stored: one bad file refuses the dispute, named. */
export function checkAttachments(files: readonly UploadedFile[]): CheckedAttachment[] {
  const given = files.filter((f) => f.bytes.length > 0 || f.name !== '');
  if (given.length > ATTACHMENT_LIMITS.files) throw refused('tooMany', { max: ATTACHMENT_LIMITS.files });
  const total = given.reduce((sum, f) => sum + f.bytes.length, 0);
  if (total > ATTACHMENT_LIMITS.bytesTotal)
    throw refused('tooLargeTotal', { maxMb: ATTACHMENT_LIMITS.bytesTotal >> 20 });
  return given.map((f) => {
    const name = cleanName(f.name);
    if (f.bytes.length === 0) throw refused('empty', { name });
    if (f.bytes.length > ATTACHMENT_LIMITS.bytesEach)
      throw refused('tooLarge', { name, maxMb: ATTACHMENT_LIMITS.bytesEach >> 20 });
    const contentType = sniffType(f.bytes);
    if (!contentType) throw refused('type', { name });
    return { name, bytes: f.bytes, contentType };
  });
}
