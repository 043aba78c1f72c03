import { Module } from '@nestjs/common';
import { MetadataController } from './metadata.controller.js';
import { MetadataDocument } from './metadata-document.js';

/** `GET /beta/$metadata`, derived from the entity sets the feature modules registered. */
@Module({
  controllers: [MetadataController],
  providers: [MetadataDocument],
})
export class MetadataModule {}
