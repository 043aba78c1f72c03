import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';
import type { RoleSettingRule } from '../role-setting.entity.js';

/** A `{ruleIdentifier, setting}` of a role setting's lists, in a seed or a PATCH body. */
export class RoleSettingRuleDto implements RoleSettingRule {
  @ApiProperty({ example: 'MfaRule' })
  @IsString()
  @MaxLength(64)
  ruleIdentifier: string;

  @ApiProperty({
    description: "A JSON text of the rule's shape.",
    example: '{"mfaRequired":true}',
  })
  @IsString()
  @MaxLength(16384)
  setting: string;
}
