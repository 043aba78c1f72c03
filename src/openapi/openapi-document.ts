import type { INestApplication } from '@nestjs/common';
import { METHOD_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import {
  DocumentBuilder,
  type OpenAPIObject,
  SwaggerModule,
} from '@nestjs/swagger';
import { AuthenticationOnly } from '../auth/authentication-only.decorator.js';
import { Public } from '../auth/public.decorator.js';
import { RequiredScopes } from '../auth/required-scopes.decorator.js';
import type { AppConfig } from '../config/app-config.js';
import { GraphErrorSchema } from '../graph/graph-error.schema.js';
import { NoRequestBody } from '../graph/no-request-body.js';
import { ENTITY_SETS } from '../graph/odata/entity-set-registry.js';
import { resolveEntitySetSchemas } from '../graph/odata/odata-routes.js';
import { ODataQueryOptions } from '../graph/odata/query-options.js';
import { ArmBodyClass } from '../resource-manager/arm-body.js';
import { ArmErrorSchema } from '../resource-manager/arm-error.schema.js';
import { ApiVersions } from '../resource-manager/resource-manager-controller.decorator.js';
import type { DocumentedRoute } from './documented-route.js';
import { completeGraphOperations } from './graph-operations.js';
import { completeResourceManagerOperations } from './resource-manager-operations.js';
import { withOwnPathParameters } from './path-parameters.js';

/** The operationId of a handler; the routes found below are matched to operations by it. */
export function operationIdOf(
  controllerKey: string,
  methodKey: string,
): string {
  return `${controllerKey}_${methodKey}`;
}

const DESCRIPTION = [
  'Privileged Identity Management of Azure resources, over one state, through two APIs:',
  '- the Microsoft Graph **beta** API (`/beta/privilegedAccess/azureResources/…`): same paths, ' +
    'JSON shapes, status codes, error payloads and `request-id` / `client-request-id` headers ' +
    'as Microsoft Graph, so that the Graph SDKs work against it;',
  '- the Azure Resource Manager PIM API (`/{scope}/providers/Microsoft.Authorization/…`, tag ' +
    '"Azure Resource Manager"): ARM addresses at any scope, a required `api-version`, `x-ms-*` ' +
    'request ids and ARM errors, so that the Azure SDKs work against it.',
  'A request created, cancelled or moved on through one API is seen, in its own shape, through ' +
    'the other.',
  'Every Graph error, of every status, has the body `microsoft.graph.ODataErrors.ODataError`; ' +
    'every Resource Manager error the body `CloudError` (`{"error":{"code","message"}}`); both ' +
    'with content type `application/json`. A Graph response carries `request-id` (new per call) ' +
    'and `client-request-id` (yours echoed, else the request id); a Resource Manager response ' +
    '`x-ms-request-id` and `x-ms-correlation-request-id`.',
  'Authenticate with an Entra ID access token (`Authorization: Bearer …`): for Microsoft Graph ' +
    'on the Graph routes, where each operation lists the delegated (`scp`) and application ' +
    '(`roles`) permissions it accepts; for Azure Resource Manager on the Resource Manager ' +
    'routes, where what a caller may do comes from its role assignments, as in Azure.',
].join('\n\n');

/** The OpenAPI 3.1 document of every route the application registers. */
export function buildOpenApiDocument(
  app: INestApplication,
  config: Pick<AppConfig, 'publicBaseUrl' | 'maxRequestBodyBytes' | 'throttle'>,
): OpenAPIObject {
  const builder = new DocumentBuilder()
    .setOpenAPIVersion('3.1.0')
    .setTitle(
      'PIM governance API (Microsoft Graph beta and Azure Resource Manager, Azure resources)',
    )
    .setDescription(DESCRIPTION)
    .setVersion('beta');
  if (config.publicBaseUrl) {
    builder.addServer(config.publicBaseUrl.replace(/\/+$/, ''));
  }
  const document = SwaggerModule.createDocument(app, builder.build(), {
    operationIdFactory: operationIdOf,
    extraModels: [GraphErrorSchema, ArmErrorSchema],
  });
  // The named types of the entity sets, which their routes show by reference.
  document.components = {
    ...document.components,
    schemas: { ...document.components?.schemas, ...ENTITY_SETS.components() },
  };
  // The builder leaves these empty; an empty `servers` would mean nothing else anyway.
  if (document.servers?.length === 0) {
    delete document.servers;
  }
  if (
    document.info.contact &&
    Object.keys(document.info.contact).length === 0
  ) {
    delete document.info.contact;
  }
  const routes = documentedRoutes(app);
  const limits = {
    maxRequestBodyBytes: config.maxRequestBodyBytes,
    throttle: config.throttle,
  };
  return completeResourceManagerOperations(
    completeGraphOperations(
      resolveEntitySetSchemas(withOwnPathParameters(document)),
      routes,
      limits,
    ),
    routes,
    limits,
  );
}

/** What every handler of every controller declares, read from its metadata. */
export function documentedRoutes(app: INestApplication): DocumentedRoute[] {
  const discovery = app.get(DiscoveryService);
  const scanner = app.get(MetadataScanner);
  const reflector = app.get(Reflector);
  return discovery.getControllers().flatMap(({ metatype, instance }) => {
    if (!metatype || !instance) {
      return [];
    }
    const prototype = Object.getPrototypeOf(instance) as object;
    return scanner.getAllMethodNames(prototype).flatMap((name) => {
      const handler = (prototype as Record<string, unknown>)[name] as (
        ...args: unknown[]
      ) => unknown;
      if (Reflect.getMetadata(METHOD_METADATA, handler) === undefined) {
        return [];
      }
      const targets = [handler, metatype];
      return [
        {
          operationId: operationIdOf(metatype.name, name),
          permissions: reflector.getAllAndOverride(RequiredScopes, targets),
          authenticationOnly: reflector.getAllAndOverride(
            AuthenticationOnly,
            targets,
          ),
          public: reflector.getAllAndOverride(Public, targets),
          queryOptions:
            reflector.getAllAndOverride(ODataQueryOptions, targets) ?? [],
          noRequestBody:
            reflector.getAllAndOverride(NoRequestBody, targets) ?? false,
          apiVersions: reflector.getAllAndOverride(ApiVersions, targets),
          bodyClass: reflector.get(ArmBodyClass, handler),
        },
      ];
    });
  });
}
