import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import {
  RoleSettingEntity,
  type RoleSettingRule,
} from './role-setting.entity.js';

export type RuleListName =
  | 'adminEligibleSettings'
  | 'adminMemberSettings'
  | 'userEligibleSettings'
  | 'userMemberSettings';

export interface RoleSettingChange {
  readonly rules: Partial<Record<RuleListName, RoleSettingRule[]>>;
  readonly lastUpdatedDateTime: Date;
  readonly lastUpdatedBy: string;
}

@Injectable()
export class RoleSettingsRepository {
  constructor(
    @InjectRepository(RoleSettingEntity)
    private readonly settings: Repository<RoleSettingEntity>,
  ) {}

  /** Replaces the given rule lists in one UPDATE; false when the tenant has no such setting. */
  async update(
    tenantId: string,
    id: string,
    change: RoleSettingChange,
  ): Promise<boolean> {
    const result = await this.settings.update(
      { tenantId, id },
      {
        ...change.rules,
        lastUpdatedDateTime: change.lastUpdatedDateTime,
        lastUpdatedBy: change.lastUpdatedBy,
      },
    );
    return (result.affected ?? 0) > 0;
  }
}
