import { Injectable } from '@nestjs/common';
import type { Principal } from '../../../../auth/principal.js';
import { EntitySetQueries } from '../../../../graph/odata/entity-set-queries.js';
import { RESOURCE_PARENT } from '../../resources/graph/resources.parent.js';
import {
  type EntityPage,
  EntitySetReader,
} from '../../../../graph/odata/entity-set-reader.js';
import type { ListQuery } from '../../../../graph/odata/list-query.js';
import { ROLE_SETTING_AUDIT_EVENTS } from './role-setting-audit-events.entity-set.js';
import type { RoleSettingEntity } from '../role-setting.entity.js';
import { RoleSettingNotFoundError } from '../role-setting.errors.js';
import { ROLE_SETTINGS } from './role-settings.entity-set.js';
import { RoleSettingsService } from '../role-settings.service.js';

/** The OData reads of role settings and of their changes, through the shared entity-set reader. */
@Injectable()
export class RoleSettingQueries extends EntitySetQueries<RoleSettingEntity> {
  constructor(
    reader: EntitySetReader,
    private readonly settings: RoleSettingsService,
  ) {
    super(
      reader,
      ROLE_SETTINGS,
      () => new RoleSettingNotFoundError(),
      RESOURCE_PARENT.queries,
    );
  }

  /** A page of a setting's changes, for those who may change it. */
  async auditEvents(
    caller: Principal,
    id: string,
    query: ListQuery,
  ): Promise<EntityPage> {
    const roleSettingId = await this.settings.auditReadableBy(caller, id);
    return this.reader.list(ROLE_SETTING_AUDIT_EVENTS, caller.tenantId, query, {
      roleSettingId,
    });
  }
}
