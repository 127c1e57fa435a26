import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * TOTP (RFC 6238 over RFC 4226's HOTP), the codes of Google Authenticator, Aegis, FreeOTP, 1Password…: HMAC-SHA1,
 * 6 digits, 30-second steps, what every app reads from an otpauth:// QR code. Written here over node:crypto rather
 * than taken from otplib (decision 0019): it is thirty lines, checked against the RFC's own test vectors
 * (tests/unit/totp.test.ts), and needs no new package in the shared node_modules.
 */
export const TOTP = { digits: 6, stepSeconds: 30, window: 1, secretBytes: 20 } as const;

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function base32Encode(bytes: Buffer): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

export function base32Decode(text: string): Buffer {
  const clean = text.toUpperCase().replace(/[\s=]/g, '');
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const char of clean) {
    const index = ALPHABET.indexOf(char);
    if (index < 0) throw new Error('not base32');
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** A new shared secret, in base32 as apps take it. */
export function newTotpSecret(): string {
  return base32Encode(randomBytes(TOTP.secretBytes));
}

/** RFC 4226: the code of one counter value. */
export function hotp(secret: Buffer, counter: number, digits: number = TOTP.digits): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac('sha1', secret).update(message).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const binary = (mac.readUInt32BE(offset) & 0x7fffffff) % 10 ** digits;
  return binary.toString().padStart(digits, '0');
}

/** The time step a moment falls in. */
export const totpStep = (at: Date) => Math.floor(at.getTime() / 1000 / TOTP.stepSeconds);

/** The code an app shows at a moment (tests compute real codes with it). */
export function totpCode(secretBase32: string, at: Date = new Date(), digits: number = TOTP.digits): string {
  return hotp(base32Decode(secretBase32), totpStep(at), digits);
}

/**
 * The step a typed code matches, within one step either side (clocks drift), or null. The caller refuses a step
 * not later than the last one used (a code replayed, even within its 30 seconds).
 */
export function matchTotp(secretBase32: string, code: string, at: Date = new Date()): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const secret = base32Decode(secretBase32);
  const now = totpStep(at);
  for (let step = now - TOTP.window; step <= now + TOTP.window; step++) {
    if (timingSafeEqual(Buffer.from(hotp(secret, step)), Buffer.from(code))) return step;
  }
  return null;
}

/** What an app's QR code holds: the issuer, the person, the secret. */
export function otpauthUri(secretBase32: string, account: string, issuer = 'Recouvra'): string {
  const label = encodeURIComponent(`${issuer}:${account}`);
  const query = new URLSearchParams({
    secret: secretBase32,
    issuer,
    algorithm: 'SHA1',
    digits: String(TOTP.digits),
    period: String(TOTP.stepSeconds),
  });
  return `otpauth://totp/${label}?${query.toString()}`;
}
