import { Global, Module } from '@nestjs/common';
import { EntitySetReader } from './entity-set-reader.js';

/**
 * The OData lists every PIM module reads its entity sets with. Apart from GraphModule because
 * it needs the database, which the Graph plumbing itself does not.
 */
@Global()
@Module({
  providers: [EntitySetReader],
  exports: [EntitySetReader],
})
export class ODataModule {}
