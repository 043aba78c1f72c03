import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ResourceEntity } from './resource.entity.js';
import { ResourcesController } from './graph/resources.controller.js';
import { ResourceRegistrationController } from './graph/resource-registration.controller.js';
import { ResourcesService } from './resources.service.js';
import { ResourcesRepository } from './resources.repository.js';
import { ResourcesSeeder } from './resources.seeder.js';
import { ResourceQueries } from './graph/resource.queries.js';
import { CreateResources1764400000000 } from './migrations/1764400000000-create-resources.js';
import { RESOURCES } from './graph/resources.entity-set.js';

@Module({
  imports: [TypeOrmModule.forFeature([ResourceEntity])],
  controllers: [ResourcesController, ResourceRegistrationController],
  providers: [
    ResourceQueries,
    ResourcesSeeder,
    ResourcesRepository,
    ResourcesService,
  ],
  // The reads of its table, for the requests that name a resource.
  exports: [ResourcesRepository],
})
export class ResourcesModule {
  /** Its entity sets; the composition root registers every module's (src/feature-modules.ts). */
  static readonly entitySets = [RESOURCES];

  /** Its tables' migrations; the composition root runs every module's (src/migrations.ts). */
  static readonly migrations = [CreateResources1764400000000];
}
