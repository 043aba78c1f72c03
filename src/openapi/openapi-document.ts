import type { INestApplication } from '@nestjs/common';
import { METHOD_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import {
  DocumentBuilder,
  type OpenAPIObject,
  SwaggerModule,
} from '@nestjs/swagger';
import { RequiredScopes } from '../auth/required-scopes.decorator.js';
import type { AppConfig } from '../config/app-config.js';
import { GraphErrorSchema } from '../graph/graph-error.schema.js';
import { NoRequestBody } from '../graph/no-request-body.js';
import { ENTITY_SETS } from '../graph/odata/entity-set-registry.js';
import { resolveEntitySetSchemas } from '../graph/odata/odata-routes.js';
import { ODataQueryOptions } from '../graph/odata/query-options.js';
import {
  completeGraphOperations,
  type DocumentedRoute,
} from './graph-operations.js';

/** The operationId of a handler; the routes found below are matched to operations by it. */
export function operationIdOf(
  controllerKey: string,
  methodKey: string,
): string {
  return `${controllerKey}_${methodKey}`;
}

const DESCRIPTION = [
  'Privileged Identity Management of Azure resources, as the Microsoft Graph **beta** API ' +
    'serves it: same paths under `/beta`, JSON shapes, status codes, error payloads and ' +
    '`request-id` / `client-request-id` headers, so that the Graph SDKs work against it.',
  'Every error, of every status, has the body `microsoft.graph.ODataErrors.ODataError` with ' +
    'content type `application/json`. Every response carries `request-id` (new per call) and ' +
    '`client-request-id` (yours echoed, else the request id).',
  'Authenticate with an Entra ID access token for Microsoft Graph (`Authorization: Bearer …`); ' +
    'each operation lists the delegated (`scp`) and application (`roles`) permissions it accepts.',
].join('\n\n');

/** The OpenAPI 3.1 document of every route the application registers. */
export function buildOpenApiDocument(
  app: INestApplication,
  config: Pick<AppConfig, 'publicBaseUrl' | 'maxRequestBodyBytes' | 'throttle'>,
): OpenAPIObject {
  const builder = new DocumentBuilder()
    .setOpenAPIVersion('3.1.0')
    .setTitle('PIM governance API (Microsoft Graph beta, Azure resources)')
    .setDescription(DESCRIPTION)
    .setVersion('beta');
  if (config.publicBaseUrl) {
    builder.addServer(config.publicBaseUrl.replace(/\/+$/, ''));
  }
  const document = SwaggerModule.createDocument(app, builder.build(), {
    operationIdFactory: operationIdOf,
    extraModels: [GraphErrorSchema],
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
  return completeGraphOperations(
    resolveEntitySetSchemas(document),
    documentedRoutes(app),
    {
      maxRequestBodyBytes: config.maxRequestBodyBytes,
      throttle: config.throttle,
    },
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
          queryOptions:
            reflector.getAllAndOverride(ODataQueryOptions, targets) ?? [],
          noRequestBody:
            reflector.getAllAndOverride(NoRequestBody, targets) ?? false,
        },
      ];
    });
  });
}
