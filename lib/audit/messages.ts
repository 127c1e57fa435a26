import { catalogueKeys } from '../errors/keys';

/** The audit search's refusals, as catalogue keys (`audit.errors.<name>`). Client components may import it. */
export const AUDIT_MESSAGES = catalogueKeys('audit.errors', ['day', 'userId', 'kind', 'debtor', 'toBeforeFrom']);
