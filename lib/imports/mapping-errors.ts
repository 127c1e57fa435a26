import { AppError } from '../errors/app-error';
import type { MappingProblem } from './columns';

/** A mapping that cannot be used: one INVALID error with each problem under its field. */
export function mappingError(problems: MappingProblem[]): AppError {
  const fields = Object.fromEntries(problems.map((p) => [`mapping.${p.field}`, p.ref]));
  return AppError.invalid(fields);
}
