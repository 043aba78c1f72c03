import { Injectable } from '@nestjs/common';
import { EntitySetQueries } from '../../../../graph/odata/entity-set-queries.js';
import { EntitySetReader } from '../../../../graph/odata/entity-set-reader.js';
import { SubjectNotFoundError } from '../../role-assignment-requests/role-assignment-request.errors.js';
import type { SubjectEntity } from '../subject.entity.js';
import { SUBJECTS } from './subjects.entity-set.js';

@Injectable()
export class SubjectQueries extends EntitySetQueries<SubjectEntity> {
  constructor(reader: EntitySetReader) {
    super(reader, SUBJECTS, () => new SubjectNotFoundError());
  }
}
