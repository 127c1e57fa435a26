import { describe, expect, it } from 'vitest';
import { ATTACHMENT_LIMITS } from '../../lib/debtor-page/attachment-limits';
import { checkAttachments, cleanName, sniffType } from '../../lib/debtor-page/attachments';
import { AppError } from '../../lib/errors/app-error';
import { proofJpeg, proofPdf, proofPng } from '../fixtures/uploads/proofs';

/** The catalogue reference a refusal gives the attachments field. */
function refusalOf(work: () => unknown) {
  try {
    work();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return (error as AppError).fieldRefs?.attachments;
  }
  throw new Error('accepted');
}

describe('what a file is, by its content', () => {
  it('recognises real PDF, PNG and JPEG files whatever their name says', async () => {
    const [pdf, png, jpeg] = await Promise.all([proofPdf(), proofPng(), proofJpeg()]);
    expect(sniffType(pdf)).toBe('application/pdf');
    expect(sniffType(png)).toBe('image/png');
    expect(sniffType(jpeg)).toBe('image/jpeg');
    const [checked] = checkAttachments([{ name: 'photo.pdf', bytes: png }]);
    expect(checked!.contentType).toBe('image/png');
  });

  it('refuses a truncated upload and anything renamed to look like a document', async () => {
    const pdf = await proofPdf();
    const png = await proofPng();
    const jpeg = await proofJpeg();
    expect(sniffType(pdf.subarray(0, pdf.length - 1200))).toBeNull();
    expect(sniffType(png.subarray(0, png.length - 20))).toBeNull();
    expect(sniffType(jpeg.subarray(0, jpeg.length - 2))).toBeNull();
    const zip = Uint8Array.from([0x50, 0x4b, 0x03, 0x04, ...new Array(40).fill(0)]);
    expect(sniffType(zip)).toBeNull();
    expect(sniffType(new TextEncoder().encode('%PDF-1.7 <script>'))).toBeNull();
    expect(refusalOf(() => checkAttachments([{ name: 'facture.pdf', bytes: zip }]))).toEqual({
      key: 'debtorPage.attachmentErrors.type',
      values: { name: 'facture.pdf' },
    });
  });
});

describe('how much a debtor may attach', () => {
  it('refuses more files than allowed, an empty one and one too large, naming it', async () => {
    const pdf = await proofPdf();
    const many = Array.from({ length: ATTACHMENT_LIMITS.files + 1 }, (_, i) => ({ name: `p${i}.pdf`, bytes: pdf }));
    expect(refusalOf(() => checkAttachments(many))?.key).toBe('debtorPage.attachmentErrors.tooMany');
    expect(refusalOf(() => checkAttachments([{ name: 'vide.pdf', bytes: new Uint8Array() }]))).toEqual({
      key: 'debtorPage.attachmentErrors.empty',
      values: { name: 'vide.pdf' },
    });
    const big = new Uint8Array(ATTACHMENT_LIMITS.bytesEach + 1);
    big.set(pdf);
    expect(refusalOf(() => checkAttachments([{ name: 'gros.pdf', bytes: big }]))).toMatchObject({
      key: 'debtorPage.attachmentErrors.tooLarge',
      values: { name: 'gros.pdf' },
    });
    expect(checkAttachments([])).toEqual([]);
  });

  it('keeps a name safe to show: no folders, no control characters', () => {
    expect(cleanName('C:\\Users\\moi\\relevé.pdf')).toBe('relevé.pdf');
    expect(cleanName('../../etc/passwd')).toBe('passwd');
    expect(cleanName('a\u0000b\u001b.png')).toBe('ab.png');
    expect(cleanName('   ')).toBe('document');
  });
});
