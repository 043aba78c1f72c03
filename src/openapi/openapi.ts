import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import { AppConfig } from '../config/app-config.js';
import { buildOpenApiDocument } from './openapi-document.js';

export const OPENAPI_DOCUMENT_PATH = '/openapi.json';
export const OPENAPI_UI_PATH = '/docs';

/**
 * Serves the OpenAPI document at /openapi.json and Swagger UI at /docs. Both are Fastify routes
 * outside /beta: no Nest guard runs for them, so they need no token.
 */
export function setUpOpenApi(app: NestFastifyApplication): void {
  const document = buildOpenApiDocument(app, app.get(AppConfig));
  SwaggerModule.setup(OPENAPI_UI_PATH, app, document, {
    jsonDocumentUrl: OPENAPI_DOCUMENT_PATH,
    raw: ['json'],
    customSiteTitle:
      'PIM governance API (Microsoft Graph beta and Azure Resource Manager)',
  });
}
