import { z } from 'zod';

export const signInSchema = z.object({
  email: z.string().trim().toLowerCase().email('errors.signIn.email').max(254),
  password: z.string().min(1, 'errors.field.required').max(256),
  agency: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'errors.signIn.agency')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  // The second factor (a TOTP code or a recovery code), asked once the password is right; checked by its own rules.
  code: z
    .string()
    .trim()
    .max(32)
    .optional()
    .transform((v) => (v ? v : undefined)),
});

export type SignInInput = z.infer<typeof signInSchema>;

/** What the session token carries; re-checked against the database on every request. */
export const sessionClaimsSchema = z.object({
  identityId: z.string().uuid(),
  membershipId: z.string().uuid(),
  tenantId: z.string().uuid(),
});

export type SessionClaims = z.infer<typeof sessionClaimsSchema>;

/**
 * The session token: the claims, plus what makes it revocable (decision 0019) — the identity's session version
 * at sign-in, the sign-in time (epoch seconds, for the absolute lifetime) and a random id (the idle clock's key).
 */
export const sessionTokenSchema = sessionClaimsSchema.extend({
  sessionVersion: z.number().int().nonnegative(),
  signedInAt: z.number().int().positive(),
  sessionId: z.string().uuid(),
});

export type SessionToken = z.infer<typeof sessionTokenSchema>;
