import QRCode from 'qrcode';
import { isValidRfReference } from '../bank/creditor-reference';
import { compactIban, isValidBic, isValidIban } from '../bank/iban';
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
  /**
   * Structured remittance: an ISO 11649 RF reference, carried unchanged to the agency's bank statement. The
   * standard allows it or the unstructured text, never both.
   */
  creditorReference?: string;
  /** Unstructured remittance information, when there is no creditor reference. */
  remittance?: string;
}

const MAX_PAYLOAD_BYTES = 331;

/** Line breaks inside a field would shift every later field. */
function field(value: string, max: number): string {
  return [...value.replace(/[\r\n]+/g, ' ').trim()].slice(0, max).join('');
}

export function epcPayload(transfer: EpcTransfer): string {
  const iban = compactIban(transfer.iban);
  if (!isValidIban(iban)) throw new Error(`Invalid IBAN for the EPC QR code: ${transfer.iban}`);
  const bic = (transfer.bic ?? '').replace(/\s+/g, '').toUpperCase();
  if (bic && !isValidBic(bic)) throw new Error(`Invalid BIC: ${transfer.bic}`);
  const { amountCents } = transfer;
  if (!Number.isSafeInteger(amountCents) || amountCents < 1 || amountCents > 99_999_999_999) {
    throw new Error(`EPC QR amounts run from 0.01 to 999999999.99 EUR, not ${amountCents} cents`);
  }
  const structured = transfer.creditorReference?.replace(/\s+/g, '').toUpperCase() ?? '';
  if (structured && !isValidRfReference(structured)) throw new Error(`Invalid creditor reference: ${structured}`);
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
    structured,
    structured ? '' : field(transfer.remittance ?? '', 140),
  ]
    .join('\n')
    .replace(/\n+$/, '');
  if (Buffer.byteLength(payload, 'utf8') > MAX_PAYLOAD_BYTES) throw new Error('EPC QR payload over 331 bytes');
  return payload;
}

/** The symbol as one byte per module, row after row (1 = dark), without the quiet zone. */
export interface QrSymbol {
  size: number;
  modules: Uint8Array;
}

/*
 * qrcode picks the mask by scoring all eight on its BitMatrix, a method call per module read: most of the time a
 * letter's QR code took. The symbol is built once with mask 0, unmasked, and the eight candidates are scored here
 * on plain bytes with qrcode's own rules (mask-pattern.js: N1 runs, N2 2×2 blocks, N3 finder-like 1:1:3:1:1
 * patterns, N4 dark balance) and the same tie-break, so the symbol is exactly the one qrcode would have drawn;
 * tests/unit/letters.test.ts compares them.
 */

const MASKS: ((i: number, j: number) => boolean)[] = [
  (i, j) => (i + j) % 2 === 0,
  (i) => i % 2 === 0,
  (_, j) => j % 3 === 0,
  (i, j) => (i + j) % 3 === 0,
  (i, j) => (Math.floor(i / 2) + Math.floor(j / 3)) % 2 === 0,
  (i, j) => ((i * j) % 2) + ((i * j) % 3) === 0,
  (i, j) => (((i * j) % 2) + ((i * j) % 3)) % 2 === 0,
  (i, j) => (((i * j) % 3) + ((i + j) % 2)) % 2 === 0,
];

/**
 * Per symbol size (one size per QR version, and the version fixes the reserved modules): each mask as bytes, zero
 * on the reserved modules (function patterns, format and version information).
 */
const maskLayers = new Map<number, Uint8Array[]>();

function masksFor(size: number, reserved: Uint8Array): Uint8Array[] {
  let layers = maskLayers.get(size);
  if (!layers) {
    layers = MASKS.map((mask) => {
      const layer = new Uint8Array(size * size);
      for (let i = 0; i < size; i += 1)
        for (let j = 0; j < size; j += 1) if (!reserved[i * size + j] && mask(i, j)) layer[i * size + j] = 1;
      return layer;
    });
    maskLayers.set(size, layers);
  }
  return layers;
}

/** Format information for level M (bits 00) and `mask`: BCH(15,5), XOR 101010000010010 (ISO 18004 7.9). */
function formatBits(mask: number): number {
  const data = mask; // level M is 00
  let d = data << 10;
  const G15 = 0b10100110111;
  for (let shift = 4; shift >= 0; shift -= 1) if (d & (1 << (shift + 10))) d ^= G15 << shift;
  return ((data << 10) | d) ^ 0b101010000010010;
}

/** Writes the format information where qrcode's setupFormatInfo puts it. */
function writeFormat(m: Uint8Array, size: number, mask: number): void {
  const bits = formatBits(mask);
  for (let i = 0; i < 15; i += 1) {
    const bit = (bits >> i) & 1;
    const row = i < 6 ? i : i < 8 ? i + 1 : size - 15 + i;
    m[row * size + 8] = bit;
    const col = i < 8 ? size - i - 1 : i < 9 ? 15 - i : 15 - i - 1;
    m[8 * size + col] = bit;
  }
  m[(size - 8) * size + 8] = 1;
}

/** 1 where an 11-module window reads 10111010000 or 00001011101 (N3: a finder-like pattern beside 4 light modules). */
const FINDER_LIKE = new Uint8Array(2048);
FINDER_LIKE[0x5d0] = 1;
FINDER_LIKE[0x05d] = 1;

/*
 * Branch-free where the data decides (module colours are noise to the branch predictor). A run of length L ≥ 5
 * costs 3 + (L − 5): 3 when it reaches 5, then 1 per further module.
 */
function penalty(m: Uint8Array, size: number): number {
  let runs = 0;
  let finders = 0;
  let blocks = 0;
  let dark = 0;
  for (let a = 0; a < size; a += 1) {
    let rowRun = 0;
    let colRun = 0;
    let rowLast = 2;
    let colLast = 2;
    let rowBits = 0;
    let colBits = 0;
    for (let b = 0; b < size; b += 1) {
      const inRow = m[a * size + b]!;
      const inCol = m[b * size + a]!;
      rowRun = rowRun * (inRow === rowLast ? 1 : 0) + 1;
      colRun = colRun * (inCol === colLast ? 1 : 0) + 1;
      if (rowRun >= 5) runs += rowRun === 5 ? 3 : 1;
      if (colRun >= 5) runs += colRun === 5 ? 3 : 1;
      rowLast = inRow;
      colLast = inCol;
      rowBits = ((rowBits << 1) & 0x7ff) | inRow;
      colBits = ((colBits << 1) & 0x7ff) | inCol;
      if (b >= 10) finders += FINDER_LIKE[rowBits]! + FINDER_LIKE[colBits]!;
      dark += inRow;
    }
  }
  for (let i = 0; i < size - 1; i += 1) {
    for (let j = 0; j < size - 1; j += 1) {
      const at = i * size + j;
      const v = m[at]!;
      blocks += 1 ^ ((v ^ m[at + 1]!) | (v ^ m[at + size]!) | (v ^ m[at + size + 1]!));
    }
  }
  const k = Math.abs(Math.ceil((dark * 100) / (size * size) / 5) - 10);
  return runs + blocks * 3 + finders * 40 + k * 10;
}

function applyMask(out: Uint8Array, unmasked: Uint8Array, layer: Uint8Array, size: number, mask: number): void {
  for (let i = 0; i < out.length; i += 1) out[i] = unmasked[i]! ^ layer[i]!;
  writeFormat(out, size, mask);
}

export function qrSymbol(payload: string): QrSymbol {
  // Byte mode, so the UTF-8 bytes announced by character set 1 are exactly what the code holds.
  const qr = QRCode.create([{ mode: 'byte', data: Buffer.from(payload, 'utf8') }], {
    errorCorrectionLevel: 'M',
    maskPattern: 0,
  });
  const { size, data, reservedBit } = qr.modules as unknown as {
    size: number;
    data: Uint8Array;
    reservedBit: Uint8Array;
  };
  const layers = masksFor(size, reservedBit);
  const unmasked = new Uint8Array(data.length);
  for (let i = 0; i < data.length; i += 1) unmasked[i] = data[i]! ^ layers[0]![i]!;
  const candidate = new Uint8Array(data.length);
  let best = 0;
  let lowest = Infinity;
  for (let mask = 0; mask < layers.length; mask += 1) {
    applyMask(candidate, unmasked, layers[mask]!, size, mask);
    const score = penalty(candidate, size);
    if (score < lowest) {
      lowest = score;
      best = mask;
    }
  }
  applyMask(candidate, unmasked, layers[best]!, size, best);
  return { size, modules: candidate };
}

/** Dark modules of the QR symbol, row by row (quiet zone not included). */
export function qrModules(payload: string): boolean[][] {
  const { size, modules } = qrSymbol(payload);
  return Array.from({ length: size }, (_, row) =>
    Array.from({ length: size }, (_, col) => modules[row * size + col] === 1),
  );
}

/** Sub-units per module: whole numbers keep the content stream short, and 1/30 module is the 0.05 pt overlap. */
const UNITS = 30;

/**
 * Draws the code as vector rectangles (one per run of dark modules): sharp at any print resolution and cheaper
 * than embedding a PNG. `size` is the symbol's side without the quiet zone, which the caller leaves blank.
 * The rectangles are written in a module grid of whole numbers, in one piece: hundreds of them, where coordinates
 * in points took half of a letter's content stream.
 */
export function drawQr(doc: PDFKit.PDFDocument, payload: string, x: number, y: number, size: number): void {
  const { size: count, modules } = qrSymbol(payload);
  const unit = size / count / UNITS;
  // A hair of overlap (about 0.05 pt) hides the seams some viewers draw between adjacent rectangles.
  const hair = Math.max(1, Math.round(0.05 / unit));
  const rects: string[] = [];
  for (let r = 0; r < count; r += 1) {
    const row = r * count;
    let c = 0;
    while (c < count) {
      if (!modules[row + c]) {
        c += 1;
        continue;
      }
      const start = c;
      while (c < count && modules[row + c]) c += 1;
      rects.push(`${start * UNITS} ${r * UNITS} ${(c - start) * UNITS + hair} ${UNITS + hair} re`);
    }
  }
  doc.save().fillColor('#000000').transform(unit, 0, 0, unit, x, y);
  doc.addContent(rects.join('\n'));
  doc.fill();
  doc.restore();
}
