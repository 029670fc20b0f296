/**
 * Headers every answer carries, data or error: the API serves JSON to Grafana's proxy only, so a
 * browser that reaches it directly must not sniff, frame, cache or refer from it.
 */
import type { FastifyInstance } from 'fastify';

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'x-content-type-options': 'nosniff',
  // Figures are per user (scope): no shared cache, no browser cache may keep them.
  'cache-control': 'no-store',
  // A JSON API loads nothing and may be framed by nobody.
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-resource-policy': 'same-origin',
};

export function installSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onSend', async (_request, reply) => {
    reply.headers(SECURITY_HEADERS);
    // Fastify sends no X-Powered-By; nothing in front of it may add one through us either.
    reply.removeHeader('x-powered-by');
  });
}
