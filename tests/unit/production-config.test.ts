import { describe, expect, it } from 'vitest';
import { productionProblems } from '../../lib/config/production';

const complete = {
  NEXTAUTH_SECRET: 'k'.repeat(44),
  NEXTAUTH_URL: 'https://recouvra.example.fr',
  DATABASE_URL: 'postgresql://recouvra_app:s3cret@db:5432/recouvra',
  IMPORT_DATABASE_URL: 'postgresql://recouvra_import:s3cret2@db:5432/recouvra',
  MIGRATION_DATABASE_URL: 'postgresql://postgres:owner@db:5432/recouvra',
  REDIS_URL: 'redis://:pw@redis:6379',
  SMTP_URL: 'smtps://mailer:pw@smtp.example.fr:465',
} as unknown as NodeJS.ProcessEnv;

describe('production configuration', () => {
  it('accepts a complete one', () => {
    expect(productionProblems(complete)).toEqual([]);
  });

  it.each([
    ['NEXTAUTH_SECRET', { NEXTAUTH_SECRET: undefined }],
    ['NEXTAUTH_SECRET', { NEXTAUTH_SECRET: 'short' }],
    ['NEXTAUTH_URL', { NEXTAUTH_URL: undefined }],
    ['NEXTAUTH_URL', { NEXTAUTH_URL: 'http://recouvra.example.fr' }],
    ['DATABASE_URL', { DATABASE_URL: undefined }],
    ['DATABASE_URL', { DATABASE_URL: 'postgresql://recouvra_app@db/recouvra' }],
    ['IMPORT_DATABASE_URL', { IMPORT_DATABASE_URL: 'postgresql://recouvra_import@db/recouvra' }],
    ['MIGRATION_DATABASE_URL', { MIGRATION_DATABASE_URL: 'mysql://db/recouvra' }],
    ['REDIS_URL', { REDIS_URL: undefined }],
    ['REDIS_URL', { REDIS_URL: 'redis://redis:6379' }],
    ['SMTP_URL', { SMTP_URL: undefined }],
    ['SMTP_CAPTURE', { SMTP_CAPTURE: '1' }],
    ['RECOUVRA_DEMO', { RECOUVRA_DEMO: '1' }],
    ['STRIPE_WEBHOOK_SECRET', { STRIPE_SECRET_KEY: 'sk_live_x' }],
    ['STRIPE_SECRET_KEY', { STRIPE_WEBHOOK_SECRET: 'whsec_x' }],
    ['STRIPE_API_URL', { STRIPE_API_URL: 'http://127.0.0.1:12111' }],
  ])('names %s when it is %j', (name, change) => {
    const problems = productionProblems({ ...complete, ...change } as NodeJS.ProcessEnv);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(new RegExp(`^${name}: `));
  });
});
