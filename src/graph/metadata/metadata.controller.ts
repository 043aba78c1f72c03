import { Controller, Get, Header } from '@nestjs/common';
import {
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { Public } from '../../auth/public.decorator.js';
import { MetadataDocument } from './metadata-document.js';

/** As Graph answers its `$metadata`. */
export const CSDL_CONTENT_TYPE = 'application/xml;charset=utf-8';

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
  @Header('Content-Type', CSDL_CONTENT_TYPE)
  @ApiOperation({
    summary: 'Get the service metadata (CSDL)',
    description:
      'The OData 4.0 CSDL document (EDMX XML) of the Graph routes, in the namespace `microsoft.graph`: the entity types the service emits with their properties and navigation properties, their complex types, the bound actions (`cancel`, `updateRequest`) and the entity sets `@odata.context` names. No token needed, as in Graph.',
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
  document(): string {
    return this.metadata.xml;
  }
}
