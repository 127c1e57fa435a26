import { Readable } from 'node:stream';
import { requireApiActor } from '../auth/session';
import { errorResponse } from './error-response';
import type { Actor } from '../tenancy/actor';
import { requestIp } from '../net/client-ip';

export interface Download {
  name: string;
  contentType: string;
  size: number;
  body: Uint8Array<ArrayBuffer> | Readable;
}

type Params = { params: Promise<{ id: string }> };

/** RFC 6266: an ASCII fallback for old clients, the exact UTF-8 name for the others. */
export function attachment(name: string, fallback = 'document'): string {
  const ascii =
    name
      .normalize('NFD')
      .replace(/[^\x20-\x7e]/g, '')
      .replace(/["\\]/g, '_') || fallback;
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

export function downloadResponse(file: Download): Response {
  const body = file.body instanceof Readable ? (Readable.toWeb(file.body) as ReadableStream<Uint8Array>) : file.body;
  return new Response(body, {
    headers: {
      'Content-Type': file.contentType,
      'Content-Length': String(file.size),
      'Content-Disposition': attachment(file.name),
      'Cache-Control': 'private, no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  });
}

/**
 * GET handler for a private file addressed by id: the signed-in actor, the loader (which answers NOT_FOUND
 * across agencies and creditors), and typed errors as JSON — the same for every document route.
 */
export function downloadRoute(load: (input: { actor: Actor; id: string; ip?: string }) => Promise<Download>) {
  return async function GET(request: Request, { params }: Params): Promise<Response> {
    try {
      const actor = await requireApiActor();
      const { id } = await params;
      return downloadResponse(await load({ actor, id, ip: requestIp(request) }));
    } catch (error) {
      return errorResponse(error);
    }
  };
}
