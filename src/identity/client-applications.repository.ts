import { Injectable } from '@nestjs/common';
import { TenantKeyedReads } from '../database/tenant-keyed-reads.js';
import { ClientApplicationEntity } from './client-application.entity.js';

/** The apps that may sign in, found by tenant and client id. */
@Injectable()
export class ClientApplicationsRepository extends TenantKeyedReads(
  ClientApplicationEntity,
) {}
