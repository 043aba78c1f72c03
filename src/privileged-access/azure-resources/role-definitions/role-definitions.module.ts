import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { RoleDefinitionEntity } from './role-definition.entity.js';
import { RoleDefinitionsController } from './role-definitions.controller.js';
import { RoleDefinitionsSeeder } from './role-definitions.seeder.js';
import { RoleDefinitionsService } from './role-definitions.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([RoleDefinitionEntity])],
  controllers: [RoleDefinitionsController],
  providers: [RoleDefinitionsService, RoleDefinitionsSeeder],
})
export class RoleDefinitionsModule {}
