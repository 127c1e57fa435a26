import pino from 'pino';
import { currentLogContext } from './context';
import { scrubText } from './scrub';

// One JSON line per event on stdout, for whatever collects the container's output. Lines carry ids (request, agency,
// user, job), never a person's data: fields that could hold some are redacted by name, and every message and error
// text goes through scrubText. A test reads the logs of a real run for the demo's people (tests/integration/log-privacy).
const PERSONAL_FIELDS = [
  'name',
  'firstName',
  'lastName',
  'debtorName',
  'email',
  'to',
  'from',
  'recipients',
  'phone',
  'address',
  'street',
  'postcode',
  'city',
  'iban',
  'text',
  'html',
  'body',
  'subject',
];

function serializeError(value: unknown): Record<string, unknown> {
  if (!(value instanceof Error)) return { message: scrubText(String(value)) };
  const error = value as Error & { code?: unknown; cause?: unknown };
  return {
    type: error.name,
    ...(typeof error.code === 'string' || typeof error.code === 'number' ? { code: error.code } : {}),
    message: scrubText(error.message),
    ...(error.stack ? { stack: scrubText(error.stack) } : {}),
    ...(error.cause !== undefined ? { cause: serializeError(error.cause) } : {}),
  };
}

export const logger = pino({
  level: process.env.LOG_LEVEL ?? 'info',
  base: { pid: process.pid, service: process.env.RECOUVRA_SERVICE ?? (process.env.NEXT_RUNTIME ? 'web' : 'worker') },
  timestamp: pino.stdTimeFunctions.isoTime,
  messageKey: 'msg',
  mixin: () => ({ ...currentLogContext() }),
  serializers: { err: serializeError, error: serializeError },
  redact: { paths: [...PERSONAL_FIELDS, ...PERSONAL_FIELDS.map((f) => `*.${f}`)], censor: '[redacted]' },
  hooks: {
    // The message itself (the format string's result) is scrubbed too.
    logMethod(args, method) {
      const scrubbed = args.map((a) => (typeof a === 'string' ? scrubText(a) : a)) as Parameters<typeof method>;
      method.apply(this, scrubbed);
    },
  },
});

export type Logger = typeof logger;
