import { randomInt } from 'node:crypto';
import { recoveryCodeHash } from './secret-box';

/** Ten codes of ten characters (about 50 bits each), shown once, kept as HMACs; each opens one sign-in. */
export const RECOVERY = { count: 10, length: 10 } as const;

// No 0/O, 1/I/L: a code copied from paper is read back without doubt.
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

export function newRecoveryCodes(): { codes: string[]; hashes: string[] } {
  const codes = Array.from({ length: RECOVERY.count }, () => {
    const chars = Array.from({ length: RECOVERY.length }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
    return `${chars.slice(0, 5)}-${chars.slice(5)}`;
  });
  return { codes, hashes: codes.map(recoveryCodeHash) };
}

/** What the sign-in form's code field holds: six digits (the app's) or a recovery code. */
export const RECOVERY_CODE = /^[A-Za-z0-9]{5}-?[A-Za-z0-9]{5}$/;
