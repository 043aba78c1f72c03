import { Controller } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { EntitySetRoutes } from '../../../../graph/odata/entity-set-routes.js';
import { GraphResponses } from '../../../../graph/odata/graph-responses.js';
import {
  GRAPH_BETA_ROUTE,
  READ_AZURE_RESOURCES,
} from '../../graph/azure-resources.constants.js';
import { SubjectNotFoundError } from '../../role-assignment-requests/role-assignment-request.errors.js';
import { SUBJECTS } from './subjects.entity-set.js';
import { SubjectQueries } from './subject.queries.js';
// The Graph wording of the domain errors it documents, registered before its decorators run.
import '../../role-assignment-requests/graph/role-assignment-request.graph-errors.js';

/** Graph has no `privilegedAccess/azureResources/subjects`: the subjects are a top-level set only. */
@Controller(GRAPH_BETA_ROUTE)
@ApiTags('governanceSubjects.governanceSubject')
export class SubjectsController extends EntitySetRoutes(SUBJECTS, {
  permissions: READ_AZURE_RESOURCES,
  notFound: new SubjectNotFoundError(),
}) {
  constructor(subjects: SubjectQueries, responses: GraphResponses) {
    super(subjects, responses);
  }
}
