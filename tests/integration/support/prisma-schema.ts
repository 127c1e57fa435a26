import { readFileSync } from 'node:fs';

/** Just enough of the Prisma schema language to compare our schema file with the live catalog. */
export interface SchemaField {
  name: string;
  column: string;
  type: string;
  optional: boolean;
  list: boolean;
  nativeType: string | null;
  isRelation: boolean;
}

export interface SchemaModel {
  name: string;
  table: string;
  fields: SchemaField[];
  primaryKey: string[];
  uniques: string[][];
}

export interface ParsedSchema {
  models: SchemaModel[];
  enums: Map<string, string[]>;
}

const SCALARS = new Set(['String', 'Int', 'BigInt', 'Boolean', 'DateTime', 'Json', 'Decimal', 'Float', 'Bytes']);

export function parsePrismaSchema(path = 'prisma/schema.prisma'): ParsedSchema {
  const text = readFileSync(path, 'utf8').replace(/\/\/.*$/gm, '');
  const enums = new Map<string, string[]>();
  for (const m of text.matchAll(/enum\s+(\w+)\s*\{([^}]*)\}/g)) {
    enums.set(m[1]!, m[2]!.split(/\s+/).filter(Boolean));
  }
  const models: SchemaModel[] = [];
  // Blocks close on a line holding only '}', so braces inside defaults like @default("{}") are kept.
  for (const m of text.matchAll(/^model\s+(\w+)\s*\{\n([\s\S]*?)^\}/gm)) {
    const name = m[1]!;
    const lines = m[2]!
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean);
    const fields: SchemaField[] = [];
    let table = name;
    let primaryKey: string[] = [];
    const uniques: string[][] = [];
    const columnOf = (field: string) => fields.find((f) => f.name === field)?.column ?? field;
    const blockAttrs: string[] = [];
    for (const line of lines) {
      if (line.startsWith('@@')) {
        blockAttrs.push(line);
        continue;
      }
      const [fieldName, rawType = ''] = line.split(/\s+/);
      const type = rawType.replace(/[?[\]]/g, '');
      const field: SchemaField = {
        name: fieldName!,
        column: /@map\("([^"]+)"\)/.exec(line)?.[1] ?? fieldName!,
        type,
        optional: rawType.endsWith('?'),
        list: rawType.endsWith('[]'),
        nativeType: /@db\.(\w+(?:\([^)]*\))?)/.exec(line)?.[1] ?? null,
        isRelation: !SCALARS.has(type) && !enums.has(type),
      };
      fields.push(field);
      if (/\s@id\b/.test(line)) primaryKey = [field.column];
      if (/\s@unique\b/.test(line)) uniques.push([field.column]);
    }
    for (const attr of blockAttrs) {
      const cols = (/\[([^\]]*)\]/.exec(attr)?.[1] ?? '').split(',').map((s) => columnOf(s.trim()));
      if (attr.startsWith('@@map')) table = /@@map\("([^"]+)"\)/.exec(attr)![1]!;
      else if (attr.startsWith('@@id')) primaryKey = cols;
      else if (attr.startsWith('@@unique')) uniques.push(cols);
    }
    models.push({ name, table, fields, primaryKey, uniques });
  }
  return { models, enums };
}

/** The PostgreSQL type a field maps to, as information_schema spells it (udt_name for enums). */
export function expectedColumnType(field: SchemaField, enums: Map<string, string[]>): string {
  // PostgreSQL names an array type after its element with a leading underscore (text[] is _text).
  if (field.list) return `_${expectedColumnType({ ...field, list: false }, enums)}`;
  if (enums.has(field.type)) return field.type;
  const native = field.nativeType?.replace(/\(.*\)$/, '');
  switch (native) {
    case 'Uuid':
      return 'uuid';
    case 'Char':
      return 'bpchar';
    case 'Date':
      return 'date';
    case 'Timestamptz':
      return 'timestamptz';
    case undefined:
      break;
    default:
      throw new Error(`native type ${field.nativeType} not mapped in the drift test`);
  }
  const byScalar: Record<string, string> = {
    String: 'text',
    Int: 'int4',
    BigInt: 'int8',
    Boolean: 'bool',
    DateTime: 'timestamp',
    Json: 'jsonb',
    Float: 'float8',
    Decimal: 'numeric',
    Bytes: 'bytea',
  };
  return byScalar[field.type]!;
}
