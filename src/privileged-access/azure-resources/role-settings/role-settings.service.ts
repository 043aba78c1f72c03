import { Injectable } from '@nestjs/common';
import type { Principal } from '../../../auth/principal.js';
import { Clock } from '../../../clock/clock.js';
import { normalizeGuid } from '../../../graph/guid.js';
import { EntitySetQueries } from '../../../graph/odata/entity-set-queries.js';
import { EntitySetReader } from '../../../graph/odata/entity-set-reader.js';
import {
  RULE_LISTS,
  type UpdateRoleSettingDto,
} from './dto/update-role-setting.dto.js';
import type {
  RoleSettingEntity,
  RoleSettingRule,
} from './role-setting.entity.js';
import {
  InvalidRoleSettingError,
  RoleSettingNotFoundError,
} from './role-setting.errors.js';
import { ruleProblems } from './role-setting-rules.js';
import { ROLE_SETTINGS } from './role-settings.entity-set.js';
import {
  RoleSettingsRepository,
  type RuleListName,
} from './role-settings.repository.js';

@Injectable()
export class RoleSettingsService extends EntitySetQueries<RoleSettingEntity> {
  constructor(
    reader: EntitySetReader,
    private readonly repository: RoleSettingsRepository,
    private readonly clock: Clock,
  ) {
    super(reader, ROLE_SETTINGS, () => new RoleSettingNotFoundError());
  }

  /**
   * Replaces the rule lists the body names. Every setting must be JSON of its rule's shape
   * (InvalidRoleSetting otherwise, and nothing changes); the lists not named stay as they are.
   */
  async update(
    caller: Principal,
    id: string,
    body: UpdateRoleSettingDto,
  ): Promise<void> {
    const rules: Partial<Record<RuleListName, RoleSettingRule[]>> = {};
    const problems: string[] = [];
    for (const list of RULE_LISTS) {
      const given = body[list];
      if (given !== undefined) {
        problems.push(...ruleProblems(list, given));
        rules[list] = given.map(({ ruleIdentifier, setting }) => ({
          ruleIdentifier,
          setting,
        }));
      }
    }
    if (problems.length > 0) {
      throw new InvalidRoleSettingError(problems);
    }
    const settingId = normalizeGuid(id);
    const updated =
      settingId !== undefined &&
      (await this.repository.update(caller.tenantId, settingId, {
        rules,
        lastUpdatedDateTime: this.clock.now(),
        lastUpdatedBy: caller.actorId,
      }));
    if (!updated) {
      throw new RoleSettingNotFoundError();
    }
  }
}
