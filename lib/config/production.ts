/** The deployment this process runs as: `production` (the image) is strict, `development` (npm start) is not. */
export function isProduction(source: NodeJS.ProcessEnv = process.env): boolean {
  return source.RECOUVRA_ENV === 'production';
}

function url(value: string | undefined): URL | null {
  if (!value) return null;
  try {
    return new URL(value);
  } catch {
    return null;
  }
}

/**
 * What a production process refuses to start without, one line per variable, each naming it. The defaults that
 * make `npm start` work on a laptop (a local database, a Redis without password, a capture SMTP server, the demo)
 * would be holes in production, so none of them is taken there.
 */
export function productionProblems(source: NodeJS.ProcessEnv): string[] {
  const problems: string[] = [];
  if (!source.NEXTAUTH_SECRET || source.NEXTAUTH_SECRET.length < 32) {
    problems.push('NEXTAUTH_SECRET: required, at least 32 characters (openssl rand -base64 32)');
  }
  const authUrl = url(source.NEXTAUTH_URL);
  if (!authUrl || authUrl.protocol !== 'https:') {
    problems.push('NEXTAUTH_URL: required, the https:// address users reach the app at');
  }
  for (const name of ['DATABASE_URL', 'IMPORT_DATABASE_URL', 'MIGRATION_DATABASE_URL'] as const) {
    const parsed = url(source[name]);
    if (!parsed || !parsed.protocol.startsWith('postgres')) problems.push(`${name}: required, a postgresql:// URL`);
    else if (name !== 'MIGRATION_DATABASE_URL' && !parsed.password) {
      problems.push(`${name}: must carry the role's password (each start sets it from here)`);
    }
  }
  const redis = url(source.REDIS_URL);
  if (!redis || !redis.protocol.startsWith('redis')) {
    problems.push('REDIS_URL: required, a redis:// or rediss:// URL');
  } else if (!redis.password) {
    problems.push('REDIS_URL: must carry a password (redis://:password@host:6379); Redis holds the job queue');
  }
  const smtp = url(source.SMTP_URL);
  if (!smtp || !smtp.protocol.startsWith('smtp')) {
    problems.push('SMTP_URL: required, the mail transport (smtp:// or smtps://) letters and reminders go through');
  }
  if (source.SMTP_CAPTURE === '1') {
    problems.push('SMTP_CAPTURE: the capture server keeps e-mails instead of sending them; never in production');
  }
  // Card payments (decision 0020): both Stripe secrets or neither; never an API other than Stripe's own.
  if (Boolean(source.STRIPE_SECRET_KEY) !== Boolean(source.STRIPE_WEBHOOK_SECRET)) {
    problems.push(
      `${source.STRIPE_SECRET_KEY ? 'STRIPE_WEBHOOK_SECRET' : 'STRIPE_SECRET_KEY'}: card payments need both the secret key and the webhook signing secret`,
    );
  }
  if (source.STRIPE_API_URL) {
    problems.push("STRIPE_API_URL: points the payment library away from Stripe's API; tests only, never in production");
  }
  if (source.RECOUVRA_DEMO === '1') {
    problems.push('RECOUVRA_DEMO: demo data (with its public password) is never seeded in production');
  }
  return problems;
}

/** Throws one error naming every missing or unsafe setting, so an operator fixes them in one go. */
export function assertProductionReady(source: NodeJS.ProcessEnv = process.env): void {
  if (!isProduction(source)) return;
  const problems = productionProblems(source);
  if (problems.length) {
    throw new Error(`Refusing to start in production:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}
