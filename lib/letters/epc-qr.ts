import QRCode from 'qrcode';
import type { Cents } from './types';

/*
 * EPC069-12 "Quick Response Code: guidelines to enable data capture for the initiation of a SEPA credit transfer",
 * version 002: lines separated by LF — service tag BCD, version 002, character set 1 (UTF-8), SCT, BIC (optional in
 * 002), beneficiary name (≤ 70), IBAN, amount "EUR" + amount (0.01–999999999.99), purpose (empty), structured
 * reference (empty), unstructured remittance (≤ 140). Nothing follows the last filled line; at most 331 bytes;
 * error correction level M.
 */

export interface EpcTransfer {
  beneficiaryName: string;
  iban: string;
  bic?: string | null;
  amountCents: Cents;
  /** Unstructured remittance information: the file reference, so the agency can match the transfer. */
  remittance: string;
}

const MAX_PAYLOAD_BYTES = 331;

/** ISO 13616 check: a mistyped creditors'-funds IBAN must never reach a letter. */
export function isValidIban(iban: string): boolean {
  const compact = iban.replace(/\s+/g, '').toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(compact)) return false;
  const rearranged = compact.slice(4) + compact.slice(0, 4);
  let remainder = 0;
  for (const ch of rearranged) {
    const value = ch >= 'A' ? String(ch.charCodeAt(0) - 55) : ch;
    for (const digit of value) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder === 1;
}

/** Line breaks inside a field would shift every later field. */
function field(value: string, max: number): string {
  return [...value.replace(/[\r\n]+/g, ' ').trim()].slice(0, max).join('');
}

export function epcPayload(transfer: EpcTransfer): string {
  const iban = transfer.iban.replace(/\s+/g, '').toUpperCase();
  if (!isValidIban(iban)) throw new Error(`Invalid IBAN for the EPC QR code: ${transfer.iban}`);
  const bic = (transfer.bic ?? '').replace(/\s+/g, '').toUpperCase();
  if (bic && !/^[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?$/.test(bic)) throw new Error(`Invalid BIC: ${transfer.bic}`);
  const { amountCents } = transfer;
  if (!Number.isSafeInteger(amountCents) || amountCents < 1 || amountCents > 99_999_999_999) {
    throw new Error(`EPC QR amounts run from 0.01 to 999999999.99 EUR, not ${amountCents} cents`);
  }
  const amount = `EUR${Math.floor(amountCents / 100)}.${String(amountCents % 100).padStart(2, '0')}`;
  const payload = [
    'BCD',
    '002',
    '1',
    'SCT',
    bic,
    field(transfer.beneficiaryName, 70),
    iban,
    amount,
    '',
    '',
    field(transfer.remittance, 140),
  ].join('\n');
  if (Buffer.byteLength(payload, 'utf8') > MAX_PAYLOAD_BYTES) throw new Error('EPC QR payload over 331 bytes');
  return payload;
}

/** Dark modules of the QR symbol, row by row (quiet zone not included). */
export function qrModules(payload: string): boolean[][] {
  // Byte mode, so the UTF-8 bytes announced by character set 1 are exactly what the code holds.
  const qr = QRCode.create([{ mode: 'byte', data: Buffer.from(payload, 'utf8') }], { errorCorrectionLevel: 'M' });
  const { size } = qr.modules;
  return Array.from({ length: size }, (_, row) => Array.from({ length: size }, (_, col) => !!qr.modules.get(row, col)));
}

/**
 * Draws the code as vector rectangles (one per run of dark modules): sharp at any print resolution and cheaper
 * than embedding a PNG. `size` is the symbol's side without the quiet zone, which the caller leaves blank.
 */
export function drawQr(doc: PDFKit.PDFDocument, payload: string, x: number, y: number, size: number): void {
  const modules = qrModules(payload);
  const cell = size / modules.length;
  doc.save();
  modules.forEach((row, r) => {
    let c = 0;
    while (c < row.length) {
      if (!row[c]) {
        c += 1;
        continue;
      }
      const start = c;
      while (c < row.length && row[c]) c += 1;
      // A hair of overlap hides the seams some viewers draw between adjacent rectangles.
      doc.rect(x + start * cell, y + r * cell, (c - start) * cell + 0.05, cell + 0.05);
    }
  });
  doc.fillColor('#000000').fill();
  doc.restore();
}
