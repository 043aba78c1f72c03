import { Injectable } from '@nestjs/common';
import { NotPermittedError } from '../../../errors/not-permitted.error.js';
import type { Principal } from '../../../auth/principal.js';
import { Clock } from '../../../clock/clock.js';
import { UnitOfWork } from '../../../database/unit-of-work.js';
import { normalizeGuid } from '../../../values/guid.js';
import type { RequestIds } from '../../../values/request-ids.js';
import { actsOnlyAsUser } from '../pim-administrators.js';
import type {
  RoleSettingEntity,
  RoleSettingRule,
} from './role-setting.entity.js';
import {
  InvalidRoleSettingError,
  RoleSettingNotFoundError,
} from './role-setting.errors.js';
import {
  RULE_LISTS,
  type RoleSettingUpdate,
  ruleProblems,
} from './role-setting-rules.js';
import {
  type RoleSettingChange,
  RoleSettingsRepository,
  type RuleListName,
} from './role-settings.repository.js';
import type { RoleSettingRuleLists } from './role-setting-audit-event.entity.js';

/**
 * Role settings decide what an activation needs (approval, MFA, justification, how long):
 * whoever changes them grants roles. So only those who administer the setting's resource may,
 * as for deciding its requests: applications with the permission, Privileged Role and Global
 * Administrators (`wids`), and users with an active Owner or User Access Administrator
 * assignment on that resource (ResourceAdministratorsSql says what active is).
 */
@Injectable()
export class RoleSettingsService {
  constructor(
    private readonly repository: RoleSettingsRepository,
    private readonly unitOfWork: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  /**
   * Replaces the rule lists the body names, and records the change, in one unit of work. Every
   * setting must be JSON of its rule's shape (InvalidRoleSetting otherwise, and nothing
   * changes); the lists not named stay as they are. A caller who may not change the setting
   * gets 403, whatever it holds.
   */
  async update(
    caller: Principal,
    id: string,
    body: RoleSettingUpdate,
    httpRequest: RequestIds,
  ): Promise<void> {
    throwIfInvalid(body);
    await this.edit(caller, id, () => body, httpRequest);
  }

  /**
   * Changes a setting by `edit`, which is given its current rule lists (read in the unit of
   * work, so that no other change comes between) and names the lists to replace: for a surface
   * whose changes are of single rules. By the same rules as `update`: the same access, the same
   * validation of what the lists become, one audit trail. A setting that `where` refuses does
   * not exist for the call. Answers the setting as changed.
   */
  async edit(
    caller: Principal,
    id: string,
    edit: (current: RoleSettingRuleLists) => RoleSettingUpdate,
    httpRequest: RequestIds,
    where: (setting: RoleSettingEntity) => boolean = () => true,
  ): Promise<RoleSettingEntity> {
    const settingId = normalizeGuid(id);
    if (!settingId) {
      throw new RoleSettingNotFoundError();
    }
    const at = this.clock.now();
    return this.unitOfWork.run(async () => {
      // Of two changes at once, the second reads what the first left and is recorded after it.
      await this.unitOfWork.serialize(
        `role-setting:${caller.tenantId}:${settingId}`,
      );
      const found = await this.repository.findWithAccess(
        caller.tenantId,
        settingId,
        caller.actorId,
        at,
      );
      if (!found || !where(found.setting)) {
        throw new RoleSettingNotFoundError();
      }
      if (actsOnlyAsUser(caller) && !found.administered) {
        throw new NotPermittedError();
      }
      const before = ruleListsOf(found.setting);
      const replaced = edit(before);
      throwIfInvalid(replaced);
      const change: RoleSettingChange = {
        tenantId: caller.tenantId,
        roleSettingId: settingId,
        actorId: caller.actorId,
        actorType: caller.kind === 'delegated' ? 'User' : 'Application',
        at,
        httpRequestId: httpRequest.requestId,
        clientRequestId: httpRequest.clientRequestId,
        api: httpRequest.api ?? null,
        before,
        after: { ...before, ...copiesOf(replaced) },
      };
      await this.repository.replaceRules(change);
      await this.repository.recordChange(change);
      return {
        ...found.setting,
        ...change.after,
        lastUpdatedDateTime: at,
        lastUpdatedBy: caller.actorId,
      };
    });
  }

  /**
   * The id of a setting whose changes the caller may read: those who may change it. Another
   * tenant's setting does not exist for the caller.
   */
  async auditReadableBy(caller: Principal, id: string): Promise<string> {
    const settingId = normalizeGuid(id);
    const access =
      settingId &&
      (await this.repository.accessOf(
        caller.tenantId,
        settingId,
        caller.actorId,
        this.clock.now(),
      ));
    if (!access || access === 'no-such-setting') {
      throw new RoleSettingNotFoundError();
    }
    if (access === 'denied' && actsOnlyAsUser(caller)) {
      throw new NotPermittedError();
    }
    return settingId;
  }
}

/** Refuses a change whose rules are not each of its rule's shape, naming every problem. */
function throwIfInvalid(update: RoleSettingUpdate): void {
  const problems = RULE_LISTS.flatMap((list) => {
    const given = update[list];
    return given === undefined ? [] : ruleProblems(list, given);
  });
  if (problems.length > 0) {
    throw new InvalidRoleSettingError(problems);
  }
}

/** The lists a change names, as plain rules (a DTO's instances hold no more than these two). */
function copiesOf(update: RoleSettingUpdate): Partial<RoleSettingRuleLists> {
  const lists: Partial<Record<RuleListName, RoleSettingRule[]>> = {};
  for (const list of RULE_LISTS) {
    const given = update[list];
    if (given !== undefined) {
      lists[list] = given.map(({ ruleIdentifier, setting }) => ({
        ruleIdentifier,
        setting,
      }));
    }
  }
  return lists;
}

function ruleListsOf(setting: RoleSettingEntity): RoleSettingRuleLists {
  return {
    adminEligibleSettings: setting.adminEligibleSettings,
    adminMemberSettings: setting.adminMemberSettings,
    userEligibleSettings: setting.userEligibleSettings,
    userMemberSettings: setting.userMemberSettings,
  };
}
