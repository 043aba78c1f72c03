import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { SubjectEntity } from './subject.entity.js';
import { SubjectsSeeder } from './subjects.seeder.js';

/** Subjects have no route of their own: `$expand=subject` reads them. */
@Module({
  imports: [TypeOrmModule.forFeature([SubjectEntity])],
  providers: [SubjectsSeeder],
})
export class SubjectsModule {}
