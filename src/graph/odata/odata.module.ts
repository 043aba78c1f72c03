import { Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { EntitySetReader } from './entity-set-reader.js';

/**
 * The OData lists every PIM module reads its entity sets with. Apart from GraphModule because
 * it needs the database, which the Graph plumbing itself does not.
 */
@Global()
@Module({
  // The reader finds the providers that compute entity sets' properties.
  imports: [DiscoveryModule],
  providers: [EntitySetReader],
  exports: [EntitySetReader],
})
export class ODataModule {}
