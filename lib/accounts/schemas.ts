import { z } from 'zod';

// The inputs of the accounts module (issue 18): sessions, passwords, staff, API keys. Messages are catalogue keys.

export const memberRefSchema = z.object({
  membershipId: z.string().uuid('accounts.errors.member'),
});
