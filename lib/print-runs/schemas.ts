import { z } from 'zod';

export const printRunRefSchema = z.object({ printRunId: z.uuid('unknown print run') });
