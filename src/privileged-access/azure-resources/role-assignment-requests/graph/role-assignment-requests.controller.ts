import {
  applyDecorators,
  Controller,
  Get,
  HttpCode,
  Param,
  Post,
} from '@nestjs/common';
import {
  ApiBody,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentPrincipal } from '../../../../auth/current-principal.decorator.js';
import type { Principal } from '../../../../auth/principal.js';
import { RequiredScopes } from '../../../../auth/required-scopes.decorator.js';
import {
  ApiGraphErrors,
  type DocumentedErrorExample,
} from '../../../../graph/api-graph-errors.decorator.js';
import { NoRequestBody } from '../../../../graph/no-request-body.js';
import {
  below,
  collectionPaths,
  collectionPathsBelow,
} from '../../../../graph/odata/collection-paths.js';
import {
  type GraphCollectionBody,
  type GraphEntityBody,
  GraphResponses,
} from '../../../../graph/odata/graph-responses.js';
import {
  ENTITY_QUERY_OPTIONS,
  type ListQuery,
  type ShapeQuery,
} from '../../../../graph/odata/list-query.js';
import {
  ListQueryOf,
  ListRoute,
  ShapeQueryOf,
} from '../../../../graph/odata/odata-routes.js';
import { ODataQueryOptions } from '../../../../graph/odata/query-options.js';
import {
  CurrentRequestAddress,
  type RequestAddress,
} from '../../../../http/request-address.js';
import { NotPermittedError } from '../../../../errors/not-permitted.error.js';
import { AUDIT_EVENTS } from './audit-events.entity-set.js';
import { CurrentRequestIds } from '../../../../graph/request-ids.decorator.js';
import type { RequestIds } from '../../../../values/request-ids.js';
import {
  GRAPH_BETA_ROUTE,
  READ_AZURE_RESOURCES,
  WRITE_AZURE_RESOURCES,
} from '../../graph/azure-resources.constants.js';
import { schemaReference } from '../../../../graph/odata/graph-type.js';
import { GOVERNANCE_ROLE_ASSIGNMENT_REQUEST_EXAMPLES } from './role-assignment-request.examples.js';
import {
  PendingRoleAssignmentRequestError,
  PolicyValidationFailedError,
  RequestCannotBeCancelledError,
  RequestNotPendingError,
  ResourceIsLockedError,
  RoleAssignmentDoesNotExistError,
  RoleAssignmentExistsError,
  RoleAssignmentRequestNotFoundError,
  RoleNotFoundError,
  SubjectNotFoundError,
} from '../role-assignment-request.errors.js';
import { RoleAssignmentRequestQueries } from './role-assignment-request.queries.js';
import {
  REQUEST_ENTITY_RESPONSE_NAME,
  ROLE_ASSIGNMENT_REQUESTS,
} from './role-assignment-requests.entity-set.js';
import { RoleAssignmentRequestsService } from '../role-assignment-requests.service.js';
import { RoleAssignmentRequestCreation } from '../creation/role-assignment-request-creation.service.js';
import { RoleAssignmentRequestDecisions } from '../decisions/role-assignment-request-decisions.service.js';
import {
  adminDecisionOf,
  ApprovalDecisionDto,
  UpdateRequestDto,
} from './dto/decision.dto.js';
import {
  CreateRoleAssignmentRequestDto,
  CreateRoleAssignmentRequestOnResourceDto,
} from './dto/create-role-assignment-request.dto.js';
import { RESOURCE_PARENT } from '../../resources/graph/resources.parent.js';
import type { NewRequest } from '../role-assignment-request.model.js';
import {
  ResourceIdMismatchError,
  resourceOfNewRequest,
} from './resource-of-new-request.js';
import { GraphBody } from '../../../../graph/graph-body.js';
import { ResourceNotFoundError } from '../../resources/resource.errors.js';
// The Graph wording of the domain errors it documents, registered before its decorators run.
import '../../resources/graph/resource.graph-errors.js';
import '../../../../graph/shared-domain-errors.graph-errors.js';
import './role-assignment-request.graph-errors.js';

// The request of the Graph documentation's cancel example.
const SEED_EXAMPLE_ID = '7c53453e-d5a4-41e0-8eb1-32d5ec8bfdee';
const NOT_FOUND = {
  error: new RoleAssignmentRequestNotFoundError(),
  summary: "an unknown id, an id that is not a GUID, another tenant's request",
};

const NOT_PENDING = {
  error: new RequestNotPendingError('PendingApproval'),
  summary: 'the request is not waiting for this decision',
};
const NOT_AN_APPROVER = {
  error: new NotPermittedError(),
  summary: 'the caller may not decide this request (or it is their own)',
};

/**
 * The collections a request is in, below the Graph version, as Graph has them: the top-level
 * entity set (Kiota's `governanceRoleAssignmentRequests` builders) and the provider's.
 */
const IN_TENANT = collectionPaths(ROLE_ASSIGNMENT_REQUESTS);
/**
 * The requests of one resource, of either collection of resources (Graph's examples and Kiota's
 * `privilegedAccess` builders use the provider's): another resource's request is not there.
 */
const ON_RESOURCE = collectionPathsBelow(
  RESOURCE_PARENT.route.set,
  'resourceId',
  ROLE_ASSIGNMENT_REQUESTS,
);
/** Where the actions on one request answer. */
const EVERYWHERE = [...IN_TENANT, ...ON_RESOURCE];

const RESOURCE_NOT_FOUND = {
  error: new ResourceNotFoundError(),
  summary:
    "under a resource: an unknown resource, another tenant's (the request of another resource is not found)",
};

/** The `{id}` of the routes of one request (not the collection's POST). */
const ID_PARAMETER = ApiParam({
  name: 'id',
  description:
    'The id of the governanceRoleAssignmentRequest, a GUID in any letter case.',
  type: String,
  examples: {
    cancelExample: {
      summary: 'The request of the Graph documentation cancel example',
      value: SEED_EXAMPLE_ID,
    },
  },
});

/** The `{resourceId}` of the routes under a resource. */
const RESOURCE_ID_PARAMETER = ApiParam({
  name: 'resourceId',
  description:
    'Under a resource: the id of the governanceResource, a GUID in any letter case.',
  type: String,
});

/** `POST …/{id}/approve` or `…/deny`: an approver's decision, documented alike. */
function ApprovalDecisionRoute(
  action: 'approve' | 'deny',
  summary: string,
  description: string,
): MethodDecorator {
  return applyDecorators(
    ID_PARAMETER,
    RESOURCE_ID_PARAMETER,
    Post(below(EVERYWHERE, `:id/${action}`)),
    HttpCode(204),
    RequiredScopes(WRITE_AZURE_RESOURCES),
    ApiOperation({ summary, description }),
    ApiBody({ type: ApprovalDecisionDto, required: false }),
    ApiNoContentResponse({ description: 'Decided.' }),
    ApiGraphErrors(NOT_FOUND, NOT_PENDING, NOT_AN_APPROVER, RESOURCE_NOT_FOUND),
  );
}

/** `POST <collection>`: a new request, in the collection of the tenant or of one resource. */
function CreateRoute(
  paths: string[],
  body: new () => object,
  ...errors: DocumentedErrorExample[]
): MethodDecorator {
  return applyDecorators(
    Post(paths),
    HttpCode(201),
    RequiredScopes(WRITE_AZURE_RESOURCES),
    ApiOperation({
      summary: 'Create governanceRoleAssignmentRequest',
      description:
        "Ask to add, activate (`UserAdd` of an eligible assignment), update, extend, renew or remove a role assignment. Users ask for themselves (`User*` types); Owners and User Access Administrators of the resource, Privileged Role and Global Administrators and applications for anyone (`Admin*`). The role's settings decide: `JustificationRule` needs a reason, `ExpirationRule` bounds the schedule, `ApprovalRule` makes a `UserAdd` wait in `PendingApproval`; `UserExtend` and `UserRenew` wait in `PendingAdminDecision`. Otherwise the request is `Provisioned` (its assignment written) or, starting later, `Granted`; removals end `Closed` / `Revoked`.",
    }),
    ApiBody({ type: body }),
    ApiCreatedResponse({
      description: 'The request, with `@odata.context`.',
      schema: schemaReference(REQUEST_ENTITY_RESPONSE_NAME),
    }),
    ApiGraphErrors(
      { error: new ResourceNotFoundError() },
      { error: new RoleNotFoundError() },
      { error: new SubjectNotFoundError() },
      { error: new ResourceIsLockedError() },
      { error: new PendingRoleAssignmentRequestError() },
      { error: new RoleAssignmentExistsError() },
      { error: new RoleAssignmentDoesNotExistError() },
      { error: new PolicyValidationFailedError(['ExpirationRule']) },
      {
        error: new NotPermittedError(),
        summary:
          'a user asking for someone else, or an Admin* request of a non-administrator',
      },
      ...errors,
    ),
  );
}

@Controller(GRAPH_BETA_ROUTE)
@ApiTags('privilegedAccess.governanceRoleAssignmentRequest')
export class RoleAssignmentRequestsController {
  constructor(
    private readonly service: RoleAssignmentRequestsService,
    private readonly queries: RoleAssignmentRequestQueries,
    private readonly creation: RoleAssignmentRequestCreation,
    private readonly decisions: RoleAssignmentRequestDecisions,
    private readonly responses: GraphResponses,
  ) {}

  // Under a resource, the lists' controller answers it (EntitySetRoutes' getOfParent).
  @ID_PARAMETER
  @Get(below(IN_TENANT, ':id'))
  @ODataQueryOptions(ENTITY_QUERY_OPTIONS)
  @RequiredScopes(READ_AZURE_RESOURCES)
  @ApiOperation({
    summary: 'Get governanceRoleAssignmentRequest',
    description:
      'Retrieve the properties of a governanceRoleAssignmentRequest of your tenant, with `$select` and `$expand` of resource, roleDefinition, subject and linkedEligibleRoleAssignment.',
  })
  @ApiOkResponse({
    description: 'The request, with `@odata.context`.',
    schema: schemaReference(REQUEST_ENTITY_RESPONSE_NAME),
    examples: GOVERNANCE_ROLE_ASSIGNMENT_REQUEST_EXAMPLES,
  })
  @ApiGraphErrors(NOT_FOUND)
  async get(
    @CurrentPrincipal() caller: Principal,
    @Param('id') id: string,
    @ShapeQueryOf(ROLE_ASSIGNMENT_REQUESTS) query: ShapeQuery,
    @CurrentRequestAddress() address: RequestAddress,
  ): Promise<GraphEntityBody<object>> {
    return this.responses.entity(
      address,
      ROLE_ASSIGNMENT_REQUESTS.name,
      // The request as its lists show it: one read path for both.
      await this.queries.get(caller, id, query),
    );
  }

  @ID_PARAMETER
  @ListRoute(AUDIT_EVENTS, {
    path: below(IN_TENANT, ':id/auditEvents'),
    summary:
      'List the audit events of a governanceRoleAssignmentRequest (extension)',
    description:
      "Not a Graph API: an extension of this service. Every change of the request (such as its cancel) in the order it happened: who, when, from and to which sub-status, and the request-id of the call. For applications with the permission, Privileged Role and Global Administrators, and the Owners and User Access Administrators of the request's resource; its requestor and subject get 403. With `$filter`, `$orderby`, `$top`, `$skip`, `$count` and `$select`.",
  })
  @RequiredScopes(READ_AZURE_RESOURCES)
  @ApiGraphErrors(NOT_FOUND, {
    error: new NotPermittedError(),
    summary: 'the caller does not administer the request',
  })
  async auditEvents(
    @CurrentPrincipal() caller: Principal,
    @Param('id') id: string,
    @ListQueryOf(AUDIT_EVENTS) query: ListQuery,
    @CurrentRequestAddress() address: RequestAddress,
  ): Promise<GraphCollectionBody> {
    return this.responses.collection(
      address,
      AUDIT_EVENTS.name,
      await this.queries.auditEvents(caller, id, query),
    );
  }

  @CreateRoute(IN_TENANT, CreateRoleAssignmentRequestDto)
  create(
    @CurrentPrincipal() caller: Principal,
    @GraphBody(CreateRoleAssignmentRequestDto)
    body: CreateRoleAssignmentRequestDto,
    @CurrentRequestIds() httpRequest: RequestIds,
    @CurrentRequestAddress() address: RequestAddress,
  ): Promise<GraphEntityBody<object>> {
    return this.created(caller, body, httpRequest, address);
  }

  @CreateRoute(ON_RESOURCE, CreateRoleAssignmentRequestOnResourceDto, {
    error: new ResourceIdMismatchError(
      'e5e7d29d-5465-45ac-885f-4716a5ee74b5',
      '10000000-0000-4000-8000-000000000001',
    ),
    summary: 'the body names another resource than the URL',
    key: 'resourceIdMismatch',
  })
  createOnResource(
    @CurrentPrincipal() caller: Principal,
    @Param('resourceId') resourceId: string,
    @GraphBody(CreateRoleAssignmentRequestOnResourceDto)
    body: CreateRoleAssignmentRequestOnResourceDto,
    @CurrentRequestIds() httpRequest: RequestIds,
    @CurrentRequestAddress() address: RequestAddress,
  ): Promise<GraphEntityBody<object>> {
    return this.created(
      caller,
      {
        ...body,
        resourceId: resourceOfNewRequest(resourceId, body.resourceId),
      },
      httpRequest,
      address,
    );
  }

  @ApprovalDecisionRoute(
    'approve',
    'Approve a governanceRoleAssignmentRequest (extension)',
    "Not a Graph API: Graph has none for the approvers of a `PendingApproval` request. An approver named in the `ApprovalRule` of the request's role (not its requestor) approves it: it becomes `Provisioned`, its assignment written, or `Granted` when it starts later (with `REQUEST_PROCESSING=staged`: `PendingApprovalProvisioning`, which the scheduler provisions).",
  )
  async approve(
    @CurrentPrincipal() caller: Principal,
    @Param('resourceId') resourceId: string | undefined,
    @Param('id') id: string,
    @GraphBody(ApprovalDecisionDto, { optional: true })
    body: ApprovalDecisionDto,
    @CurrentRequestIds() httpRequest: RequestIds,
  ): Promise<void> {
    await this.requireOnResource(caller, resourceId, id);
    return this.decisions.approve(caller, id, body, httpRequest);
  }

  @ApprovalDecisionRoute(
    'deny',
    'Deny a governanceRoleAssignmentRequest (extension)',
    "Not a Graph API. An approver named in the `ApprovalRule` of the request's role (not its requestor) denies a `PendingApproval` request: it becomes `Closed` / `Denied`.",
  )
  async deny(
    @CurrentPrincipal() caller: Principal,
    @Param('resourceId') resourceId: string | undefined,
    @Param('id') id: string,
    @GraphBody(ApprovalDecisionDto, { optional: true })
    body: ApprovalDecisionDto,
    @CurrentRequestIds() httpRequest: RequestIds,
  ): Promise<void> {
    await this.requireOnResource(caller, resourceId, id);
    return this.decisions.deny(caller, id, body, httpRequest);
  }

  @ID_PARAMETER
  @RESOURCE_ID_PARAMETER
  @Post(below(EVERYWHERE, ':id/updateRequest'))
  @HttpCode(204)
  @RequiredScopes(WRITE_AZURE_RESOURCES)
  @ApiOperation({
    summary: 'updateRequest of a governanceRoleAssignmentRequest',
    description:
      "An administrator of the request's resource (Owner or User Access Administrator, Privileged Role or Global Administrator, or an application) decides a `PendingAdminDecision` request (`UserExtend`, `UserRenew`): `AdminApproved` extends the assignment to the schedule's end, `AdminDenied` leaves it. Nobody decides their own request.",
  })
  @ApiBody({ type: UpdateRequestDto })
  @ApiNoContentResponse({ description: 'Decided.' })
  @ApiGraphErrors(NOT_FOUND, NOT_PENDING, NOT_AN_APPROVER, RESOURCE_NOT_FOUND)
  async updateRequest(
    @CurrentPrincipal() caller: Principal,
    @Param('resourceId') resourceId: string | undefined,
    @Param('id') id: string,
    @GraphBody(UpdateRequestDto) body: UpdateRequestDto,
    @CurrentRequestIds() httpRequest: RequestIds,
  ): Promise<void> {
    await this.requireOnResource(caller, resourceId, id);
    return this.decisions.updateRequest(
      caller,
      id,
      adminDecisionOf(body),
      httpRequest,
    );
  }

  @ID_PARAMETER
  @RESOURCE_ID_PARAMETER
  @Post(below(EVERYWHERE, ':id/cancel'))
  @HttpCode(204)
  @RequiredScopes(WRITE_AZURE_RESOURCES)
  @NoRequestBody()
  @ApiOperation({
    summary: 'Cancel governanceRoleAssignmentRequest',
    description:
      'Cancel a governanceRoleAssignmentRequest. Only requests in status of `Granted`, ' +
      '`PendingApproval`, `PendingApprovalProvisioning` and `PendingAdminDecision` can be ' +
      'cancelled; the request becomes `Closed` / `Canceled`. Example: ' +
      `\`POST /beta/privilegedAccess/azureResources/roleAssignmentRequests/${SEED_EXAMPLE_ID}/cancel\` ` +
      'answers `HTTP/1.1 204 No Content`.',
  })
  @ApiNoContentResponse({
    description: 'Cancelled. It does not return anything in the response body.',
  })
  @ApiGraphErrors(
    NOT_FOUND,
    {
      error: new RequestCannotBeCancelledError(),
      summary: 'the request is not in a cancellable sub-status',
    },
    RESOURCE_NOT_FOUND,
  )
  async cancel(
    @CurrentPrincipal() caller: Principal,
    @Param('resourceId') resourceId: string | undefined,
    @Param('id') id: string,
    @CurrentRequestIds() httpRequest: RequestIds,
  ): Promise<void> {
    await this.requireOnResource(caller, resourceId, id);
    return this.service.cancel(caller, id, httpRequest);
  }

  private async created(
    caller: Principal,
    request: NewRequest,
    httpRequest: RequestIds,
    address: RequestAddress,
  ): Promise<GraphEntityBody<object>> {
    return this.responses.entity(
      address,
      ROLE_ASSIGNMENT_REQUESTS.name,
      ROLE_ASSIGNMENT_REQUESTS.present(
        await this.creation.create(caller, request, httpRequest),
      ),
    );
  }

  /** Under a resource (`resourceId` in the path), only a request of that resource is acted on. */
  private async requireOnResource(
    caller: Principal,
    resourceId: string | undefined,
    id: string,
  ): Promise<void> {
    if (resourceId !== undefined) {
      await this.queries.requireOnResource(caller, resourceId, id);
    }
  }
}
