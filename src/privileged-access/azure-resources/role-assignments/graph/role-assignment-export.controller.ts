import { Controller, Get, Headers, Res } from '@nestjs/common';
import {
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentPrincipal } from '../../../../auth/current-principal.decorator.js';
import type { Principal } from '../../../../auth/principal.js';
import { RequiredScopes } from '../../../../auth/required-scopes.decorator.js';
import {
  below,
  collectionPaths,
} from '../../../../graph/odata/collection-paths.js';
import { GraphResponses } from '../../../../graph/odata/graph-responses.js';
import type { ListQuery } from '../../../../graph/odata/list-query.js';
import { ListQueryOf } from '../../../../graph/odata/odata-routes.js';
import { ODataQueryOptions } from '../../../../graph/odata/query-options.js';
import {
  CurrentRequestAddress,
  type RequestAddress,
} from '../../../../http/request-address.js';
import {
  GRAPH_BETA_ROUTE,
  WRITE_AZURE_RESOURCES,
} from '../../graph/azure-resources.constants.js';
import {
  EXPORT_COLUMNS,
  exportFileOf,
  exportLinesOf,
} from './role-assignment-export.js';
import { RoleAssignmentQueries } from './role-assignment.queries.js';
import { ROLE_ASSIGNMENTS } from './role-assignments.entity-set.js';

/** What a line of the export shows of an assignment's related entities. */
const EXPANDED = ['resource', 'roleDefinition', 'subject'].map(
  (navigation) => ({ navigation }),
);

/**
 * `GET …/roleAssignments/export`, Graph's function bound to the governanceRoleAssignments
 * collection, also called as `export()` (src/graph/odata-path.ts). Its own controller: a static path, which the router
 * matches before `roleAssignments/{id}`.
 */
@Controller(GRAPH_BETA_ROUTE)
@ApiTags('privilegedAccess.governanceRoleAssignment')
export class RoleAssignmentExportController {
  constructor(
    private readonly queries: RoleAssignmentQueries,
    private readonly responses: GraphResponses,
  ) {}

  @Get(below(collectionPaths(ROLE_ASSIGNMENTS), 'export'))
  @ODataQueryOptions(['filter', 'orderby'])
  // As Graph documents it: ReadWrite, for applications too.
  @RequiredScopes(WRITE_AZURE_RESOURCES)
  @ApiOperation({
    summary: 'Export governanceRoleAssignments',
    description: `Every role assignment of your tenant that \`$filter\` selects (\`resourceId eq '{id}'\`, \`subjectId eq '{id}'\`, any filter of the list), in \`$orderby\`'s order, as a CSV file (\`application/octet-stream\`, UTF-8 with a byte order mark, CRLF line ends) of the columns ${EXPORT_COLUMNS.map((column) => `\`${column}\``).join(', ')}. A caller that accepts \`application/json\` and not \`application/octet-stream\` (the Kiota SDK) gets the same lines as a JSON collection of strings, \`value\`, as Graph's metadata declares the function.`,
  })
  @ApiProduces('application/octet-stream', 'application/json')
  @ApiOkResponse({
    description: 'The CSV file, or its lines in JSON.',
    content: {
      'application/octet-stream': {
        schema: { type: 'string', format: 'binary' },
      },
      'application/json': {
        schema: {
          type: 'object',
          required: ['@odata.context', 'value'],
          properties: {
            '@odata.context': { type: 'string' },
            value: { type: 'array', items: { type: 'string' } },
          },
        },
      },
    },
  })
  async export(
    @CurrentPrincipal() caller: Principal,
    @ListQueryOf(ROLE_ASSIGNMENTS) query: ListQuery,
    @CurrentRequestAddress() address: RequestAddress,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string | object> {
    const lines = exportLinesOf(
      await this.queries.all(caller, { ...query, expand: EXPANDED }),
    );
    if (acceptsJsonOnly(accept)) {
      return this.responses.primitives(address, 'Edm.String', lines);
    }
    void reply.header('Content-Type', 'application/octet-stream');
    return exportFileOf(lines);
  }
}

/** Whether the caller asks for JSON and not for the file (Kiota sends `application/json`). */
function acceptsJsonOnly(accept: string | undefined): boolean {
  const types = (accept ?? '')
    .toLowerCase()
    .split(',')
    .map((type) => type.split(';')[0].trim());
  return (
    types.includes('application/json') &&
    !types.includes('application/octet-stream')
  );
}
