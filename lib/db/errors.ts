import { Prisma } from './generated/client';

/** A unique index refused the row (Prisma P2002, PostgreSQL 23505), e.g. a reference already taken. */
export function isUniqueViolation(error: unknown): boolean {
  if (error instanceof Prisma.PrismaClientKnownRequestError) return error.code === 'P2002';
  return typeof error === 'object' && error !== null && 'code' in error && error.code === '23505';
}
