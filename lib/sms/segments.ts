/**
 * How many SMS a text costs, as a network counts it (3GPP TS 23.038 and 23.040). A text written only with the GSM
 * 7-bit alphabet takes 160 characters in one SMS, 153 per part once split (the part header takes the rest); one
 * character outside it (a typographic apostrophe ’, ê, ô, an emoji) sends the whole text in UCS-2: 70 characters in
 * one SMS, 67 per part. Characters of the alphabet's extension table (€ [ ] { } \ ^ ~ | and form feed) take two
 * septets, and no part ends between the two; no UCS-2 part ends inside a surrogate pair either.
 */

/** The most parts a message of ours may take: beyond it, phones and operators handle it badly, and it costs. */
export const MAX_SMS_SEGMENTS = 3;

const GSM_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM_EXTENSION = '^{}\\[~]|€\f';

const basic = new Set(GSM_BASIC);
const extension = new Set(GSM_EXTENSION);

export type SmsEncoding = 'GSM_7' | 'UCS_2';

export interface SmsCount {
  encoding: SmsEncoding;
  /** Septets (GSM 7-bit) or UTF-16 code units (UCS-2). */
  units: number;
  segments: number;
}

const LIMITS = {
  GSM_7: { single: 160, part: 153 },
  UCS_2: { single: 70, part: 67 },
} as const;

/** The encoding a network would choose, the units it counts, and the parts it sends. */
export function smsSegments(text: string): SmsCount {
  const chars = [...text];
  const gsm = chars.every((c) => basic.has(c) || extension.has(c));
  // Each character's width in units: an extension character is an escape plus itself; an astral one two UTF-16 units.
  const widths = gsm ? chars.map((c) => (extension.has(c) ? 2 : 1)) : chars.map((c) => c.length);
  const encoding: SmsEncoding = gsm ? 'GSM_7' : 'UCS_2';
  const units = widths.reduce((a, b) => a + b, 0);
  const limit = LIMITS[encoding];
  if (units === 0) return { encoding, units, segments: 0 };
  if (units <= limit.single) return { encoding, units, segments: 1 };
  // Filled part by part: a character that does not fit whole starts the next part.
  let segments = 1;
  let used = 0;
  for (const w of widths) {
    if (used + w > limit.part) {
      segments += 1;
      used = 0;
    }
    used += w;
  }
  return { encoding, units, segments };
}

export function fitsSms(text: string, maxSegments: number = MAX_SMS_SEGMENTS): boolean {
  return smsSegments(text).segments <= maxSegments;
}

/**
 * An SMS as we send it: the no-break spaces our number and date formats put in (U+00A0, and U+202F in French
 * thousands) and typographic single quotes become their plain forms. Nothing is lost to the reader, and the text
 * stays in the 7-bit alphabet — one ’ alone would cut every part of the message to 67 characters.
 */
export function smsText(text: string): string {
  return text.replace(/[\u00a0\u202f\u2007]/g, ' ').replace(/[\u2018\u2019]/g, "'");
}
