import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Principal } from '../../../auth/principal.js';
import { Clock } from '../../../clock/clock.js';
import { UnitOfWork } from '../../../database/unit-of-work.js';
import type { ResourceEntity } from './resource.entity.js';
import { ResourceNotRegistrableError } from './resource.errors.js';
import { registrableResourceOf } from './resource-registration.js';
import { ResourcesRepository } from './resources.repository.js';

/** Bringing Azure resources under PIM. */
@Injectable()
export class ResourcesService {
  constructor(
    private readonly repository: ResourcesRepository,
    private readonly unitOfWork: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  /**
   * Registers a subscription or a management group, by its ARM id, in the caller's tenant: a
   * resource the tenant does not have yet is added, active and registered now at its own root;
   * one it has unregistered becomes registered now. A resource already registered stays as it
   * is: registering is idempotent, as Graph documents no refusal of it. Answers the resource.
   */
  async register(
    caller: Principal,
    externalId: string,
  ): Promise<ResourceEntity> {
    const registrable = registrableResourceOf(externalId);
    if (!registrable) {
      throw new ResourceNotRegistrableError(externalId);
    }
    const at = this.clock.now();
    return this.unitOfWork.run(async () => {
      // Of two registrations of one resource at once, the second finds the first's.
      await this.unitOfWork.serialize(
        `resource-registration:${caller.tenantId}:${registrable.externalId.toLowerCase()}`,
      );
      const existing = await this.repository.findByExternalId(
        caller.tenantId,
        registrable.externalId,
      );
      if (existing?.registeredDateTime) {
        return existing;
      }
      if (existing) {
        await this.repository.markRegistered(existing, at, existing.externalId);
        return {
          ...existing,
          registeredDateTime: at,
          registeredRoot: existing.externalId,
        };
      }
      const resource: ResourceEntity = {
        tenantId: caller.tenantId,
        id: randomUUID(),
        ...registrable,
        status: 'Active',
        registeredDateTime: at,
        registeredRoot: registrable.externalId,
        parentId: null,
      };
      await this.repository.insert(resource);
      return resource;
    });
  }
}
