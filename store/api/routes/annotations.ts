/** GET /api/annotations?from&to: normative milestones and load events (gaps, refused folders) in the range. */
import type { FastifyInstance } from 'fastify';
import { isIsoDay, romeDayOf } from '../../../src/model/calendar';
import { QueryError } from '../../query/errors';
import { annotationsBetween } from '../repositories/annotations';
import { AnnotationQuerySchema, AnnotationsSchema, ERROR_RESPONSES, type AnnotationQuery } from '../schemas';
import type { ApiContext } from '../context';

/** A calendar day from a day or from Grafana's epoch milliseconds (read as Rome's day). */
function dayOf(value: string, field: string): string {
  const day = /^\d+$/.test(value) ? romeDayOf(Number(value)) : value;
  if (!isIsoDay(day)) {
    throw new QueryError('BAD_REQUEST', `The field "querystring.${field}" has the value "${value}", which is not a calendar day.`);
  }
  return day;
}

export async function annotationRoutes(app: FastifyInstance, ctx: ApiContext): Promise<void> {
  app.get<{ Querystring: AnnotationQuery }>(
    '/api/annotations',
    {
      schema: {
        summary: 'Normative milestones and load events between two days.',
        querystring: AnnotationQuerySchema,
        response: { 200: AnnotationsSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const from = dayOf(request.query.from, 'from');
      const to = dayOf(request.query.to, 'to');
      if (from > to) {
        throw new QueryError('BAD_REQUEST', `The field "querystring.from" (${from}) is after "querystring.to" (${to}).`);
      }
      return annotationsBetween(ctx.db, from, to);
    }
  );
}
