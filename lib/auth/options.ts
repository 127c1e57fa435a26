import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { endOwnSessions } from '../accounts/end-sessions';
import { checkSecondFactor } from '../accounts/second-factor';
import { env } from '../config/env';
import { authenticate } from '../tenancy/authenticate';
import { sessionTokenSchema } from '../tenancy/schemas';
import { SESSION_LIFETIME } from '../tenancy/session-lifetime';
import { redis } from '../redis/connection';
import { clientIp } from '../net/client-ip';
import { openSession } from './open-session';
import { endSessionActivity } from './session-activity';

export const authOptions: NextAuthOptions = {
  // The cookie lives as long as the absolute lifetime; the idle one and revocation are checked server-side on
  // every request (lib/auth/resolve-session.ts, decision 0019).
  session: { strategy: 'jwt', maxAge: SESSION_LIFETIME.absoluteSeconds },
  pages: { signIn: '/signin', error: '/signin' },
  providers: [
    CredentialsProvider({
      name: 'credentials',
      credentials: { email: {}, password: {}, agency: {}, code: {} },
      async authorize(credentials, req) {
        const result = await authenticate({
          input: credentials ?? {},
          ip: clientIp(req?.headers),
          redis: redis(),
          secondFactor: checkSecondFactor(),
        });
        // The form reads these: 'code' asks for the second factor, 'code-invalid' refuses the one typed.
        if (!result.ok) {
          if (result.reason !== 'invalid') throw new Error(result.reason);
          return null;
        }
        const token = await openSession(result, { redis: redis(), prefix: env.QUEUE_PREFIX });
        return { id: result.claims.membershipId, name: result.name, email: result.email, ...token };
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) Object.assign(token, sessionTokenSchema.parse(user));
      return token;
    },
    session({ session, token }) {
      const claims = sessionTokenSchema.safeParse(token);
      return { ...session, claims: claims.success ? claims.data : undefined };
    },
  },
  events: {
    // Signing out ends every session of the person (issue 18), and this one's idle clock.
    async signOut({ token }) {
      const claims = sessionTokenSchema.safeParse(token);
      if (!claims.success) return;
      await endSessionActivity(redis(), env.QUEUE_PREFIX, claims.data.sessionId);
      await endOwnSessions({ claims: claims.data });
    },
  },
};
