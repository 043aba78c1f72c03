import { Controller, Get, Header, Req } from '@nestjs/common';
import {
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { Public } from '../../auth/public.decorator.js';
import { nodeRequestOf } from '../../http/node-http.js';
import { BadRequestError } from '../graph-errors.js';
import { systemQueryOptions } from '../odata/list-query.js';
import { ODataQueryOptions } from '../odata/query-options.js';
import { MetadataDocument } from './metadata-document.js';

/** As Graph answers its `$metadata`. */
export const CSDL_CONTENT_TYPE = 'application/xml;charset=utf-8';

/** The `$format` values that name the document's one format, XML (parameters aside). */
const XML_FORMATS: readonly string[] = ['xml', 'application/xml'];

/**
 * The document is CSDL XML only, as Graph serves it: a `$format` naming another format (CSDL
 * JSON, Atom) is refused rather than answered in a format not asked for.
 */
function checkFormat(url: string): void {
  const format = systemQueryOptions(url).get('format');
  const mediaType = format?.split(';')[0].trim().toLowerCase();
  if (mediaType !== undefined && !XML_FORMATS.includes(mediaType)) {
    throw new BadRequestError(
      `The $metadata document is served as XML only: the $format '${format}' is not supported; use $format=xml or leave it out.`,
    );
  }
}

/**
 * `GET /beta/$metadata`, the document every `@odata.context` points at. Public, as Graph's is:
 * SDK generators and OData clients read it before they hold a token.
 */
@Controller('beta')
@Public()
@ApiTags('OData')
export class MetadataController {
  constructor(private readonly metadata: MetadataDocument) {}

  @Get('$metadata')
  @ODataQueryOptions(['format'])
  @Header('Content-Type', CSDL_CONTENT_TYPE)
  @ApiOperation({
    summary: 'Get the service metadata (CSDL)',
    description:
      'The OData 4.0 CSDL document (EDMX XML) of the Graph routes, in the namespace `microsoft.graph`: the entity types the service emits with their properties and navigation properties, their complex types, the bound actions (`cancel`, `updateRequest`) and the entity sets `@odata.context` names. No token needed, as in Graph. `$format` may only name XML (`xml`, `application/xml`).',
  })
  @ApiProduces('application/xml')
  @ApiOkResponse({
    description: 'The CSDL document.',
    content: {
      'application/xml': {
        schema: { type: 'string' },
        example:
          '<?xml version="1.0" encoding="utf-8"?>\n<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">…</edmx:Edmx>',
      },
    },
  })
  document(@Req() request: unknown): string {
    checkFormat(nodeRequestOf(request).url ?? '');
    return this.metadata.xml;
  }
}
