/** GET /api/variables/{name}: values of a dashboard variable, within the caller's scope. */
import type { FastifyInstance } from 'fastify';
import { errorBody } from '../errorHandler';
import { isVariable, VARIABLE_NAMES, variableValues } from '../repositories/variables';
import { ERROR_RESPONSES, ErrorResponseSchema, VariableParamsSchema, VariableQuerySchema, VariableValuesSchema, type VariableQuery } from '../schemas';
import type { ApiContext } from '../context';

export async function variableRoutes(app: FastifyInstance, ctx: ApiContext): Promise<void> {
  app.get<{ Params: { name: string }; Querystring: VariableQuery }>(
    '/api/variables/:name',
    {
      schema: {
        summary: `Values ({ text, value }) of a template variable: ${VARIABLE_NAMES.join(', ')}.`,
        params: VariableParamsSchema,
        querystring: VariableQuerySchema,
        response: { 200: VariableValuesSchema, 404: ErrorResponseSchema, 414: ErrorResponseSchema, ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      const { name } = request.params;
      if (!isVariable(name)) {
        return reply.code(404).send(errorBody('NOT_FOUND', `There is no variable "${name}"; the variables are ${VARIABLE_NAMES.join(', ')}.`));
      }
      return variableValues(ctx.db, name, request.caller!.scope, request.query);
    }
  );
}
