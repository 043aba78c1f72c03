import { Injectable } from '@nestjs/common';
import { TenantKeyedReads } from '../../../database/tenant-keyed-reads.js';
import { RoleDefinitionEntity } from './role-definition.entity.js';

/** The role definitions' own table, for the modules whose rules read a role (a request's role). */
@Injectable()
export class RoleDefinitionsRepository extends TenantKeyedReads(
  RoleDefinitionEntity,
) {}
