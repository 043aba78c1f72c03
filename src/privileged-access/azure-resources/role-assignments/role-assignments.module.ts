import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { RoleAssignmentEntity } from './role-assignment.entity.js';
import { RoleAssignmentsController } from './role-assignments.controller.js';
import { RoleAssignmentsSeeder } from './role-assignments.seeder.js';
import { RoleAssignmentsService } from './role-assignments.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([RoleAssignmentEntity])],
  controllers: [RoleAssignmentsController],
  providers: [RoleAssignmentsService, RoleAssignmentsSeeder],
})
export class RoleAssignmentsModule {}
