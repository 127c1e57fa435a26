import { z } from 'zod';
import { SECRET_TOKEN } from './secret-token';

// The inputs of the accounts module (issue 18): sessions, passwords, staff, API keys. Messages are catalogue keys.

export const memberRefSchema = z.object({
  membershipId: z.string().uuid('accounts.errors.member'),
});

/**
 * A new password (OWASP ASVS 2.1.1, 2.1.2, 2.1.9): 12 characters at least, 128 at most, any characters, no rule
 * on their kinds. Spaces count, nothing is trimmed.
 */
export const PASSWORD = { min: 12, max: 128 } as const;
const newPassword = z
  .string({ error: 'accounts.errors.newPassword' })
  .min(PASSWORD.min, 'accounts.errors.passwordShort')
  .max(PASSWORD.max, 'accounts.errors.passwordLong');

export const changePasswordSchema = z
  .object({
    currentPassword: z
      .string({ error: 'accounts.errors.currentPassword' })
      .min(1, 'accounts.errors.currentPassword')
      .max(256, 'accounts.errors.currentPassword'),
    newPassword,
    confirmPassword: z.string({ error: 'accounts.errors.confirmPassword' }),
  })
  .superRefine((v, ctx) => {
    if (v.confirmPassword !== v.newPassword)
      ctx.addIssue({ code: 'custom', path: ['confirmPassword'], message: 'accounts.errors.confirmPassword' });
    if (v.newPassword === v.currentPassword)
      ctx.addIssue({ code: 'custom', path: ['newPassword'], message: 'accounts.errors.passwordUnchanged' });
  });

export const requestResetSchema = z.object({
  email: z.string({ error: 'accounts.errors.email' }).trim().toLowerCase().email('accounts.errors.email').max(254),
});

export const resetTokenSchema = z.string().regex(SECRET_TOKEN, 'accounts.errors.resetLink');

export const resetPasswordSchema = z
  .object({
    token: resetTokenSchema,
    newPassword,
    confirmPassword: z.string({ error: 'accounts.errors.confirmPassword' }),
  })
  .superRefine((v, ctx) => {
    if (v.confirmPassword !== v.newPassword)
      ctx.addIssue({ code: 'custom', path: ['confirmPassword'], message: 'accounts.errors.confirmPassword' });
  });

/** The six digits the authenticator app shows (spaces typed between groups are dropped). */
export const totpCodeSchema = z.object({
  code: z
    .string({ error: 'accounts.errors.code' })
    .transform((v) => v.replace(/\s/g, ''))
    .pipe(z.string().regex(/^\d{6}$/, 'accounts.errors.code')),
});

export const agentPolicySchema = z.object({
  required: z.enum(['true', 'false'], { error: 'accounts.errors.policy' }).transform((v) => v === 'true'),
});

const ROLES = ['ADMIN', 'MANAGER', 'AGENT', 'CREDITOR'] as const;
const role = z.enum(ROLES, { error: 'accounts.errors.role' });
const creditorId = z
  .union([z.literal(''), z.null(), z.string().uuid('accounts.errors.creditor')])
  .optional()
  .transform((v) => (v ? v : null));

/** A creditor's user belongs to one creditor; the agency's staff to none (the membership table's own rule). */
function creditorMatchesRole(v: { role: (typeof ROLES)[number]; creditorId: string | null }, ctx: z.RefinementCtx) {
  if (v.role === 'CREDITOR' && !v.creditorId)
    ctx.addIssue({ code: 'custom', path: ['creditorId'], message: 'accounts.errors.creditor' });
}

export const inviteMemberSchema = z
  .object({
    email: z.string({ error: 'accounts.errors.email' }).trim().toLowerCase().email('accounts.errors.email').max(254),
    name: z
      .string({ error: 'accounts.errors.name' })
      .trim()
      .min(1, 'accounts.errors.name')
      .max(120, 'accounts.errors.nameLong'),
    role,
    creditorId,
    locale: z.enum(['fr', 'en'], { error: 'accounts.errors.locale' }).default('fr'),
  })
  .superRefine(creditorMatchesRole)
  .transform((v) => ({ ...v, creditorId: v.role === 'CREDITOR' ? v.creditorId : null }));

export const memberRoleSchema = z
  .object({ membershipId: memberRefSchema.shape.membershipId, role, creditorId })
  .superRefine(creditorMatchesRole)
  .transform((v) => ({ ...v, creditorId: v.role === 'CREDITOR' ? v.creditorId : null }));

export const memberActiveSchema = z.object({
  membershipId: memberRefSchema.shape.membershipId,
  active: z.enum(['true', 'false'], { error: 'accounts.errors.active' }).transform((v) => v === 'true'),
});
