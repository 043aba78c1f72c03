import { Injectable } from '@nestjs/common';
import type { Principal } from '../../../../auth/principal.js';
import { EntitySetQueries } from '../../../../graph/odata/entity-set-queries.js';
import { EntitySetReader } from '../../../../graph/odata/entity-set-reader.js';
import {
  type ListQuery,
  MAX_PAGE_SIZE,
} from '../../../../graph/odata/list-query.js';
import { RESOURCE_PARENT } from '../../resources/graph/resources.parent.js';
import type { RoleAssignmentEntity } from '../role-assignment.entity.js';
import { RoleAssignmentNotFoundError } from '../role-assignment.errors.js';
import { ROLE_ASSIGNMENTS } from './role-assignments.entity-set.js';

@Injectable()
export class RoleAssignmentQueries extends EntitySetQueries<RoleAssignmentEntity> {
  constructor(reader: EntitySetReader) {
    super(
      reader,
      ROLE_ASSIGNMENTS,
      () => new RoleAssignmentNotFoundError(),
      RESOURCE_PARENT.queries,
    );
  }

  /**
   * Every assignment of the tenant the query selects, in its order, read a page at a time: what
   * an export holds, where a list answers one page.
   */
  async all(
    caller: Principal,
    query: ListQuery,
  ): Promise<Record<string, unknown>[]> {
    const assignments: Record<string, unknown>[] = [];
    let skipToken: string | undefined;
    do {
      const page = await this.list(caller, {
        ...query,
        top: MAX_PAGE_SIZE,
        skip: 0,
        skipToken,
        count: false,
      });
      assignments.push(...page.value);
      skipToken = page.nextSkipToken;
    } while (skipToken !== undefined);
    return assignments;
  }
}
