import type { GraphTypeDeclaration } from '../../../graph/odata/graph-type.js';

/** The columns every audit trail (a request's, a setting's) records of a change. */
interface AuditRecord {
  actorId: string;
  actorType: string;
  occurredDateTime: Date;
  sequence: number;
  httpRequestId: string;
  clientRequestId: string;
  api: string | null;
}

/** Who made a change of `subject` (`request`, `setting`), when, and its place among the others. */
export function changeProperties<T extends AuditRecord>(
  subject: string,
  actorTypes: readonly string[],
): GraphTypeDeclaration<T> {
  return {
    actorId: {
      column: 'actorId',
      type: 'guid',
      schema: {
        description:
          'The user (oid), or the application (appid) of an application token.',
      },
    },
    actorType: {
      column: 'actorType',
      type: 'string',
      schema: { enum: [...actorTypes] },
    },
    occurredDateTime: { column: 'occurredDateTime', type: 'dateTime' },
    sequence: {
      column: 'sequence',
      type: 'integer',
      schema: {
        description: `The change's place among its ${subject}'s, from 1: the order of changes of equal time.`,
      },
    },
  };
}

/** The call that made a change: the API it came through, and its ids. */
export function callProperties<
  T extends AuditRecord,
>(): GraphTypeDeclaration<T> {
  return {
    httpRequestId: {
      column: 'httpRequestId',
      type: 'string',
      filterable: false,
      schema: {
        description:
          'The `request-id` (Graph) or `x-ms-request-id` (Resource Manager) of the call that made the change.',
      },
    },
    clientRequestId: {
      column: 'clientRequestId',
      type: 'string',
      filterable: false,
    },
    api: {
      column: 'api',
      type: 'string',
      nullable: true,
      schema: {
        enum: ['Graph', 'ResourceManager'],
        description:
          "The API the call came through; null for the scheduler's changes.",
      },
    },
  };
}
