import {
  defineEntitySet,
  type ODataEntitySet,
} from '../../../../graph/odata/entity-set.js';
import { SUBJECT_TYPES, SubjectEntity } from '../subject.entity.js';

/** `governanceSubjects`: reached by `$expand=subject` from assignments and requests. */
export const SUBJECTS: ODataEntitySet<SubjectEntity> = defineEntitySet({
  name: 'governanceSubjects',
  typeName: 'governanceSubject',
  entity: SubjectEntity,
  graphProperties: ['id', 'type', 'displayName', 'email', 'principalName'],
  properties: {
    id: { column: 'id', type: 'guid' },
    type: { column: 'type', type: 'string' },
    displayName: { column: 'displayName', type: 'string' },
    email: { column: 'email', type: 'string', nullable: true },
    principalName: { column: 'principalName', type: 'string', nullable: true },
  },
  navigation: {},
  present: (subject) => ({
    id: subject.id,
    type: subject.type,
    displayName: subject.displayName,
    email: subject.email,
    principalName: subject.principalName,
  }),
  schema: {
    type: 'object',
    properties: {
      id: { type: 'string' },
      type: { type: 'string', enum: [...SUBJECT_TYPES] },
      displayName: { type: 'string' },
      email: { type: ['string', 'null'] },
      principalName: { type: ['string', 'null'] },
    },
  },
});
