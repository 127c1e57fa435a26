import type { PrismaClient } from '../db/generated/client';

export interface SignInIdentity {
  id: string;
  email: string;
  name: string;
  passwordHash: string;
}

/**
 * The identity behind an e-mail, before any agency is known. The web role cannot read identities across agencies
 * (row security) nor any password hash: app_sign_in_identity() is the one narrow way, for this check only.
 */
export async function findSignInIdentity(client: PrismaClient, email: string): Promise<SignInIdentity | null> {
  const rows = await client.$queryRaw<SignInIdentity[]>`
    SELECT id, email, name, password_hash AS "passwordHash" FROM app_sign_in_identity(${email})`;
  return rows[0] ?? null;
}
