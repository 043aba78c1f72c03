import { Injectable } from '@nestjs/common';
import { TenantKeyedReads } from '../../../database/tenant-keyed-reads.js';
import { ResourceEntity } from './resource.entity.js';

/** The resources' own table, for the modules whose rules read a resource (a request's target). */
@Injectable()
export class ResourcesRepository extends TenantKeyedReads(ResourceEntity) {}
