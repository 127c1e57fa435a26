import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { authenticate } from '../tenancy/authenticate';
import { sessionClaimsSchema } from '../tenancy/schemas';
import { redis } from '../redis/connection';
import { clientIp } from '../net/client-ip';

export const authOptions: NextAuthOptions = {
  session: { strategy: 'jwt', maxAge: 8 * 60 * 60 },
  pages: { signIn: '/signin', error: '/signin' },
  providers: [
    CredentialsProvider({
      name: 'credentials',
      credentials: { email: {}, password: {}, agency: {} },
      async authorize(credentials, req) {
        const result = await authenticate({ input: credentials ?? {}, ip: clientIp(req?.headers), redis: redis() });
        if (!result.ok) {
          if (result.reason === 'throttled') throw new Error('throttled');
          return null;
        }
        return { id: result.claims.membershipId, name: result.name, email: result.email, ...result.claims };
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        const claims = sessionClaimsSchema.parse(user);
        Object.assign(token, claims);
      }
      return token;
    },
    session({ session, token }) {
      const claims = sessionClaimsSchema.safeParse(token);
      return { ...session, claims: claims.success ? claims.data : undefined };
    },
  },
};
