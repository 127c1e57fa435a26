import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { expectedColumnType, parsePrismaSchema } from './support/prisma-schema';
import { ownerClient } from './support/db';

// The database is built from hand-written SQL; this keeps prisma/schema.prisma (the client's view) equal to it.
const schema = parsePrismaSchema();
let client: pg.Client;

beforeAll(async () => {
  client = await ownerClient();
});
afterAll(async () => {
  await client.end();
});

async function columns(table: string) {
  const { rows } = await client.query<{ column_name: string; udt_name: string; is_nullable: string }>(
    `SELECT column_name, udt_name, is_nullable FROM information_schema.columns
      WHERE table_schema = 'public' AND table_name = $1`,
    [table],
  );
  return new Map(rows.map((r) => [r.column_name, r]));
}

// Partial unique indexes ("one active plan per file") have no Prisma spelling; the migration owns them.
async function keyColumns(table: string, kind: 'p' | 'u'): Promise<string[][]> {
  const { rows } = await client.query<{ cols: string[] }>(
    `SELECT array_agg(a.attname::text ORDER BY k.ord) AS cols
       FROM pg_index i
       JOIN pg_class t ON t.oid = i.indrelid
       CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)
       JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
      WHERE t.relname = $1 AND t.relnamespace = 'public'::regnamespace
        AND ${kind === 'p' ? 'i.indisprimary' : 'i.indisunique AND NOT i.indisprimary AND i.indpred IS NULL'}
      GROUP BY i.indexrelid`,
    [table],
  );
  return rows.map((r) => r.cols);
}

describe('Prisma schema and database catalog', () => {
  it('have the same tables', async () => {
    const { rows } = await client.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables
        WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> '_prisma_migrations'`,
    );
    expect(rows.map((r) => r.table_name).sort()).toEqual(schema.models.map((m) => m.table).sort());
  });

  for (const model of schema.models) {
    it(`${model.table}: same columns, types and nullability`, async () => {
      const live = await columns(model.table);
      const scalars = model.fields.filter((f) => !f.isRelation);
      expect([...live.keys()].sort()).toEqual(scalars.map((f) => f.column).sort());
      for (const field of scalars) {
        const column = live.get(field.column)!;
        expect({ column: field.column, type: column.udt_name, nullable: column.is_nullable === 'YES' }).toEqual({
          column: field.column,
          type: expectedColumnType(field, schema.enums),
          nullable: field.optional,
        });
      }
    });

    it(`${model.table}: same primary key and unique constraints`, async () => {
      expect(await keyColumns(model.table, 'p')).toEqual([model.primaryKey]);
      const liveUniques = (await keyColumns(model.table, 'u')).map((c) => c.join(',')).sort();
      expect(liveUniques).toEqual(model.uniques.map((c) => c.join(',')).sort());
    });
  }

  it('have the same enums and values', async () => {
    const { rows } = await client.query<{ name: string; labels: string[] }>(
      `SELECT t.typname AS name, array_agg(e.enumlabel::text ORDER BY e.enumsortorder) AS labels
         FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid GROUP BY t.typname`,
    );
    expect(Object.fromEntries(rows.map((r) => [r.name, r.labels]))).toEqual(Object.fromEntries(schema.enums));
  });
});
