import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ResourceEntity } from './resource.entity.js';
import { ResourcesController } from './resources.controller.js';
import { ResourcesSeeder } from './resources.seeder.js';
import { ResourcesService } from './resources.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([ResourceEntity])],
  controllers: [ResourcesController],
  providers: [ResourcesService, ResourcesSeeder],
})
export class ResourcesModule {}
