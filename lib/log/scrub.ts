// Personal data must never reach a log line: a driver's or a library's error message may quote the value it choked
// on (PostgreSQL's "Key (email)=(…) already exists", an SMTP server's "550 <…> unknown"). What looks like an e-mail
// address or a phone number is masked before the line is written; ids, counts and codes stay readable.
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
// An international or national phone number: + or 0 then 8 or more digits, spaces, dots or dashes between them.
// UUIDs (hex groups of 8-4-4-4-12) are left alone: the lookarounds refuse a hex neighbour.
const PHONE = /(?<![0-9A-Za-z-])(?:\+|00|0)[1-9](?:[ .-]?\d){7,13}(?![0-9A-Za-z])/g;
// PostgreSQL's DETAIL quotes the row: "Key (col)=(value)" and "Failing row contains (…)".
const ROW_VALUES = /(Key \([^)]*\)=|Failing row contains )\((?:[^()]|\([^()]*\))*\)/g;

export function scrubText(text: string): string {
  return text.replace(ROW_VALUES, '$1(…)').replace(EMAIL, '[email]').replace(PHONE, '[phone]');
}
