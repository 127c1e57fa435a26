import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

/**
 * What the accounts module keeps that must be read back (a TOTP secret) is sealed with AES-256-GCM, and what must
 * only be recognised (a recovery code) is an HMAC: both under keys derived from the app's secret (NEXTAUTH_SECRET,
 * which production requires), so a copy of the database alone opens no second factor. Rotating the secret means
 * everybody enrols again (decision 0019).
 */
function appSecret(): string {
  const value = process.env.NEXTAUTH_SECRET;
  if (!value || value.length < 16) throw new Error('NEXTAUTH_SECRET is not set: second factors cannot be kept');
  return value;
}

const derive = (purpose: string) =>
  Buffer.from(hkdfSync('sha256', appSecret(), Buffer.alloc(0), `recouvra|${purpose}`, 32));

/** "v1.<iv>.<tag>.<ciphertext>", base64url. */
export function seal(plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', derive('totp-secret'), iv);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return ['v1', iv, cipher.getAuthTag(), body]
    .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
    .join('.');
}

export function unseal(sealed: string): string {
  const [version, iv, tag, body] = sealed.split('.');
  if (version !== 'v1' || !iv || !tag || body === undefined) throw new Error('not a sealed value');
  const decipher = createDecipheriv('aes-256-gcm', derive('totp-secret'), Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
}

/** A recovery code's stored form (codes are typed in any case, with or without the dash). */
export function recoveryCodeHash(code: string): string {
  const normal = code.toUpperCase().replace(/[^A-Z0-9]/g, '');
  return createHmac('sha256', derive('recovery-code')).update(normal).digest('hex');
}
