import { Injectable } from '@nestjs/common';
import { ResourcesRepository } from '../resources/resources.repository.js';
import { RoleDefinitionsRepository } from '../role-definitions/role-definitions.repository.js';
import { SubjectsRepository } from '../subjects/subjects.repository.js';

/** The rows an item of a Resource Manager answer points at, by their keys. */
export interface ArmReferenceKeys {
  readonly tenantId: string;
  readonly resourceId: string;
  readonly roleDefinitionId: string;
  readonly subjectId: string;
}

/** ARM's `expandedProperties`: the names and types of what an item points at. */
export interface ArmExpandedProperties {
  scope: { id: string; displayName: string | null; type: string | null };
  roleDefinition: {
    id: string;
    displayName: string | null;
    type: 'BuiltInRole';
  };
  principal: {
    id: string;
    displayName: string | null;
    email: string | null;
    type: string | null;
  };
}

/** What Resource Manager names through the rows an item points at. */
export interface ArmReferenced {
  /** The ARM id of the item's resource: its `scope`. */
  readonly scope: string;
  /** The `externalId` of its role definition (its key, should the row be gone). */
  readonly roleDefinitionId: string;
  readonly principalType: string | null;
  readonly expandedProperties: ArmExpandedProperties;
}

/**
 * The resources, role definitions and subjects the items of one answer point at, in Resource
 * Manager's terms (docs/resource-manager.md, the mapping table): each row read once per answer,
 * however many of its items name it.
 */
@Injectable()
export class ArmReferences {
  constructor(
    private readonly resources: ResourcesRepository,
    private readonly roleDefinitions: RoleDefinitionsRepository,
    private readonly subjects: SubjectsRepository,
  ) {}

  /** What each item names, in the items' order. */
  of(items: readonly ArmReferenceKeys[]): Promise<ArmReferenced[]> {
    const reads = new ReadsOfOneAnswer();
    return Promise.all(items.map((item) => this.referencedBy(item, reads)));
  }

  private async referencedBy(
    item: ArmReferenceKeys,
    reads: ReadsOfOneAnswer,
  ): Promise<ArmReferenced> {
    const { tenantId } = item;
    const [resource, role, subject] = await Promise.all([
      reads.once(`resource/${tenantId}/${item.resourceId}`, () =>
        this.resources.find(tenantId, item.resourceId),
      ),
      reads.once(`role/${tenantId}/${item.roleDefinitionId}`, () =>
        this.roleDefinitions.find(tenantId, item.roleDefinitionId),
      ),
      reads.once(`subject/${tenantId}/${item.subjectId}`, () =>
        this.subjects.find(tenantId, item.subjectId),
      ),
    ]);
    const scope = resource?.externalId ?? '';
    const roleDefinitionId = role?.externalId ?? item.roleDefinitionId;
    return {
      scope,
      roleDefinitionId,
      principalType: subject?.type ?? null,
      expandedProperties: {
        scope: {
          id: scope,
          displayName: resource?.displayName ?? null,
          type: resource?.type ?? null,
        },
        roleDefinition: {
          id: roleDefinitionId,
          displayName: role?.displayName ?? null,
          // The stored definitions do not say whether they are custom (docs/resource-manager.md).
          type: 'BuiltInRole',
        },
        principal: {
          id: item.subjectId,
          displayName: subject?.displayName ?? null,
          email: subject?.email ?? null,
          type: subject?.type ?? null,
        },
      },
    };
  }
}

/** The reads of one answer, each made once. */
class ReadsOfOneAnswer {
  private readonly started = new Map<string, Promise<unknown>>();

  once<T>(key: string, read: () => Promise<T>): Promise<T> {
    let found = this.started.get(key) as Promise<T> | undefined;
    if (!found) {
      found = read();
      this.started.set(key, found);
    }
    return found;
  }
}
