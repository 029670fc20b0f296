/**
 * GET /api/health: no user, no data; whether the store and its database answer, how fresh the
 * data are, and the answer cache's counts.
 */
import type { FastifyInstance } from 'fastify';
import { latestReferenceDate } from '../../load/loadLog';
import { isDatabaseUnavailable } from '../../query/errors';
import { lastLoad } from '../repositories/storeStatus';
import { HealthSchema, type Health } from '../schemas';
import type { ApiContext } from '../context';

export async function healthRoutes(app: FastifyInstance, ctx: ApiContext): Promise<void> {
  app.get(
    '/api/health',
    { schema: { summary: 'Whether the store and its database are up, and the data\'s reference date.', response: { 200: HealthSchema, 503: HealthSchema } } },
    async (request, reply): Promise<Health> => {
      try {
        await ctx.health.query('SELECT 1');
        return {
          status: 'up',
          database: 'reachable',
          asOf: await latestReferenceDate(ctx.health),
          lastLoad: await lastLoad(ctx.health),
          answerCache: ctx.answers.stats(),
        };
      } catch (e) {
        if (!isDatabaseUnavailable(e)) {
          request.log.error({ err: e }, 'health check failed');
        }
        reply.code(503);
        return { status: 'up', database: 'unreachable', asOf: null, lastLoad: null };
      }
    }
  );
}
