import { Global, Module, type OnModuleInit } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { ENTITY_SETS } from './entity-set-registry.js';
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
export class ODataModule implements OnModuleInit {
  // Every controller is defined by now: a route still waiting for a set would never exist.
  onModuleInit(): void {
    ENTITY_SETS.checkNothingWaits();
  }
}
