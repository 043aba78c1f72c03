import {
  defineEntitySet,
  type ODataEntitySet,
} from '../../../../graph/odata/entity-set.js';
import { SUBJECT_TYPES, SubjectEntity } from '../subject.entity.js';

/** `governanceSubjects`: listed at its own path, and reached by `$expand=subject` from assignments and requests. */
export const SUBJECTS: ODataEntitySet<SubjectEntity> = defineEntitySet({
  name: 'governanceSubjects',
  typeName: 'governanceSubject',
  entity: SubjectEntity,
  type: {
    id: { column: 'id', type: 'guid' },
    type: {
      column: 'type',
      type: 'string',
      schema: { enum: [...SUBJECT_TYPES] },
    },
    displayName: { column: 'displayName', type: 'string' },
    email: { column: 'email', type: 'string', nullable: true },
    principalName: { column: 'principalName', type: 'string', nullable: true },
  },
  navigation: {},
});
