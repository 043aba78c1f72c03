import { Module } from '@nestjs/common';
import { PrivilegedAccessController } from './graph/privileged-access.controller.js';
import { PRIVILEGED_ACCESS } from './graph/privileged-access.entity-set.js';
import { PrivilegedAccessQueries } from './graph/privileged-access.queries.js';

/** The provider this service is, as the `privilegedAccess` entity set shows it. */
@Module({
  controllers: [PrivilegedAccessController],
  providers: [PrivilegedAccessQueries],
})
export class ProviderModule {
  /** Its entity sets; the composition root registers every module's (src/feature-modules.ts). */
  static readonly entitySets = [PRIVILEGED_ACCESS];

  /** It has no table. */
  static readonly migrations = [];
}
