import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import Stripe from 'stripe';

// A local HTTP server standing in for Stripe's API (decision 0020): it answers the checkout-session creation the way
// Stripe does, for the official library pointed at it (STRIPE_API_URL → its host, port and protocol options), and
// keeps what it was asked so a test can check the amount, metadata and connected account. The provider's notices are
// signed with the library's own helper (`signedNotice`). Run alone (`tsx tests/fakes/stripe-api.ts PORT`) for the
// end-to-end server (tests/e2e/serve.sh).

export interface FakeSession {
  id: string;
  account: string | null;
  idempotencyKey: string | null;
  params: Record<string, string>;
  session: Record<string, unknown>;
}

export interface FakeStripeApi {
  url: string;
  port: number;
  sessions: FakeSession[];
  close(): Promise<void>;
}

/** Stripe's form encoding (`metadata[fileId]=…`) into the nested keys' flat map and the metadata alone. */
function formOf(body: string): { params: Record<string, string>; metadata: Record<string, string> } {
  const params: Record<string, string> = {};
  const metadata: Record<string, string> = {};
  for (const [key, value] of new URLSearchParams(body)) {
    params[key] = value;
    const m = /^metadata\[([^\]]+)\]$/.exec(key);
    if (m) metadata[m[1]!] = value;
  }
  return { params, metadata };
}

const read = (request: IncomingMessage) =>
  new Promise<string>((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (c: Buffer) => chunks.push(c));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });

function stripeError(message: string, param?: string) {
  return JSON.stringify({ error: { type: 'invalid_request_error', message, ...(param ? { param } : {}) } });
}

export async function startFakeStripeApi(port = 0): Promise<FakeStripeApi> {
  const sessions: FakeSession[] = [];
  let base = '';
  const server: Server = createServer(async (request, response) => {
    const path = (request.url ?? '/').split('?')[0]!;
    const json = (status: number, body: string) => {
      response.writeHead(status, {
        'content-type': 'application/json',
        'request-id': `req_${randomBytes(6).toString('hex')}`,
      });
      response.end(body);
    };
    if (request.method === 'POST' && path === '/v1/checkout/sessions') {
      if (!/^Bearer sk_test_/.test(request.headers.authorization ?? ''))
        return json(401, stripeError('Invalid API Key provided'));
      const { params, metadata } = formOf(await read(request));
      const amount = Number(params['line_items[0][price_data][unit_amount]']);
      for (const required of ['mode', 'success_url', 'cancel_url', 'line_items[0][price_data][currency]'])
        if (!params[required]) return json(400, stripeError(`Missing required param: ${required}.`, required));
      if (!Number.isInteger(amount) || amount < 50)
        return json(400, stripeError('Amount must be at least €0.50 eur', 'line_items[0][price_data][unit_amount]'));
      const account = (request.headers['stripe-account'] as string | undefined) ?? null;
      const id = `cs_test_${randomBytes(12).toString('hex')}`;
      const session = {
        id,
        object: 'checkout.session',
        mode: params.mode,
        status: 'open',
        payment_status: 'unpaid',
        amount_total: amount,
        currency: params['line_items[0][price_data][currency]'],
        client_reference_id: params.client_reference_id ?? null,
        locale: params.locale ?? null,
        metadata,
        payment_intent: null,
        success_url: params.success_url,
        cancel_url: params.cancel_url,
        url: `${base}/pay/${id}`,
        livemode: false,
      };
      sessions.push({
        id,
        account,
        idempotencyKey: (request.headers['idempotency-key'] as string | undefined) ?? null,
        params,
        session,
      });
      return json(200, JSON.stringify(session));
    }
    // The hosted page the debtor is sent to: a stand-in that only says where it is.
    const pay = /^\/pay\/(cs_test_[0-9a-f]+)$/.exec(path);
    if (request.method === 'GET' && pay && sessions.some((s) => s.id === pay[1])) {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end(
        `<!doctype html><html lang="en"><head><title>Test checkout</title></head><body><main><h1>Test checkout ${pay[1]}</h1></main></body></html>`,
      );
      return;
    }
    if (request.method === 'GET' && path === '/__sessions') return json(200, JSON.stringify(sessions));
    json(404, stripeError(`Unrecognized request URL (${request.method}: ${path}).`));
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const address = server.address();
  const bound = typeof address === 'object' && address ? address.port : port;
  base = `http://127.0.0.1:${bound}`;
  return {
    url: base,
    port: bound,
    sessions,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * A provider notice about a checkout session, as Stripe would deliver it to a Connect endpoint, signed with the
 * library's own helper (`webhooks.generateTestHeaderString`).
 */
export function signedNotice(
  secret: string,
  spec: {
    type: string;
    session: Record<string, unknown>;
    account: string | null;
    eventId?: string;
    paymentStatus?: 'paid' | 'unpaid';
    created?: number;
  },
): { payload: string; header: string; eventId: string } {
  const eventId = spec.eventId ?? `evt_test_${randomBytes(10).toString('hex')}`;
  const payload = JSON.stringify({
    id: eventId,
    object: 'event',
    api_version: '2025-01-01',
    created: spec.created ?? Math.floor(Date.now() / 1000),
    type: spec.type,
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    ...(spec.account ? { account: spec.account } : {}),
    data: {
      object: {
        ...spec.session,
        status: 'complete',
        payment_status: spec.paymentStatus ?? 'paid',
        payment_intent: `pi_test_${randomBytes(8).toString('hex')}`,
      },
    },
  });
  const header = new Stripe('sk_test_signing_only').webhooks.generateTestHeaderString({ payload, secret });
  return { payload, header, eventId };
}

// Run alone: the end-to-end server's provider (tests/e2e/serve.sh).
if (process.argv[1]?.endsWith('stripe-api.ts')) {
  const port = Number(process.argv[2] ?? 12111);
  void startFakeStripeApi(port).then((api) => console.log(`fake Stripe API on ${api.url}`));
}
