import { Injectable } from '@nestjs/common';
import type { Principal } from '../../../../auth/principal.js';
import {
  type EntityPage,
  selected,
} from '../../../../graph/odata/entity-set-reader.js';
import type { ShapeQuery } from '../../../../graph/odata/list-query.js';
import { PROVIDERS, type PrivilegedAccessProvider } from '../provider.js';
import { ProviderNotFoundError } from '../provider.errors.js';
import { PRIVILEGED_ACCESS } from './privileged-access.entity-set.js';

/** The providers as Graph JSON, `$select` applied: a constant list, read without the database. */
@Injectable()
export class PrivilegedAccessQueries {
  list(caller: Principal, query: ShapeQuery): EntityPage {
    return {
      value: PROVIDERS.map((provider) => presented(caller, provider, query)),
    };
  }

  get(caller: Principal, id: string, query: ShapeQuery): object {
    const provider = PROVIDERS.find((candidate) => candidate.id === id);
    if (!provider) {
      throw new ProviderNotFoundError(id);
    }
    return presented(caller, provider, query);
  }
}

function presented(
  caller: Principal,
  provider: PrivilegedAccessProvider,
  query: ShapeQuery,
): Record<string, unknown> {
  return selected(
    PRIVILEGED_ACCESS.present({ ...provider, tenantId: caller.tenantId }),
    query.select,
  );
}
