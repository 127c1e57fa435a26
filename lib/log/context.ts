import { AsyncLocalStorage } from 'node:async_hooks';
import { workUnitAsyncStorage } from 'next/dist/server/app-render/work-unit-async-storage.external.js';
import { REQUEST_ID_HEADER } from './request-id';

/** What a log line says about where it comes from: ids only, never a person's data. */
export interface LogContext {
  requestId?: string;
  tenantId?: string;
  userId?: string;
  /** The request's path; a debtor's page link is a secret, so /d/… keeps only its first part. */
  path?: string;
  jobId?: string;
  queue?: string;
  job?: string;
}

// Worker jobs and scripts run their work inside this store.
const local = new AsyncLocalStorage<LogContext>();

// Next runs each request inside its own AsyncLocalStorage (the "work unit" store, whose headers carry the request id
// the proxy set). The actor is noted against that store object once the session resolves; a WeakMap on globalThis so
// every bundle that imports this module shares it, and a finished request's entry goes with its store.
const ACTORS = Symbol.for('recouvra.log.actors');
type ActorMap = WeakMap<object, Pick<LogContext, 'tenantId' | 'userId'>>;
const actors: ActorMap = ((globalThis as Record<symbol, unknown>)[ACTORS] ??= new WeakMap()) as ActorMap;

interface RequestStore {
  headers?: { get(name: string): string | null };
  url?: { pathname: string };
}

function requestStore(): RequestStore | undefined {
  const store = workUnitAsyncStorage.getStore() as RequestStore | undefined;
  return store && 'headers' in store ? store : undefined;
}

const SECRET_PATHS = /^\/(d|signin\/reset)(\/.*)?$/;

export function loggedPath(pathname: string): string {
  const secret = SECRET_PATHS.exec(pathname);
  return secret ? `/${secret[1]}${secret[2] ? '/…' : ''}` : pathname;
}

export function runWithLogContext<T>(context: LogContext, work: () => T): T {
  return local.run({ ...local.getStore(), ...context }, work);
}

/** The session resolved: later lines of this request (or job) say who acts, by ids. */
export function noteActor(tenantId: string, userId: string): void {
  const store = requestStore();
  if (store) actors.set(store, { tenantId, userId });
  const job = local.getStore();
  if (job) Object.assign(job, { tenantId, userId });
}

export function currentLogContext(): LogContext {
  const context: LogContext = { ...local.getStore() };
  const store = requestStore();
  if (store) {
    const requestId = store.headers?.get(REQUEST_ID_HEADER);
    if (requestId) context.requestId = requestId;
    if (store.url?.pathname) context.path = loggedPath(store.url.pathname);
    Object.assign(context, actors.get(store));
  }
  return context;
}
