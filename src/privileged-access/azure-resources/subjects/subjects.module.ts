import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { SubjectEntity } from './subject.entity.js';
import { SubjectsRepository } from './subjects.repository.js';
import { SubjectsSeeder } from './subjects.seeder.js';
import { CreateSubjects1764400000100 } from './migrations/1764400000100-create-subjects.js';
import { SUBJECTS } from './graph/subjects.entity-set.js';
import { SubjectsController } from './graph/subjects.controller.js';
import { SubjectQueries } from './graph/subject.queries.js';

/** Subjects are read at `governanceSubjects` and through `$expand=subject`. */
@Module({
  imports: [TypeOrmModule.forFeature([SubjectEntity])],
  controllers: [SubjectsController],
  providers: [SubjectQueries, SubjectsSeeder, SubjectsRepository],
  // The reads of its table, for the requests that name a subject.
  exports: [SubjectsRepository],
})
export class SubjectsModule {
  /** Its entity sets; the composition root registers every module's (src/feature-modules.ts). */
  static readonly entitySets = [SUBJECTS];

  /** Its tables' migrations; the composition root runs every module's (src/migrations.ts). */
  static readonly migrations = [CreateSubjects1764400000100];
}
