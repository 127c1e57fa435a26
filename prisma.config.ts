import { defineConfig } from 'prisma/config';

// The CLI is only used to generate the client here (see ARCHITECTURE.md, "Migrations"); the URL is for
// `prisma migrate deploy` on a machine that can download the schema engine.
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: {
    url: process.env.MIGRATION_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/recouvra',
  },
});
