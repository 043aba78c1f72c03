import { withinTenant } from './tenant-scope.js';

/** A read that writes columns and placeholders by name and records its conditions. */
class RecordingRead {
  readonly conditions: string[] = [];
  readonly values: unknown[] = [];

  column(property: string): string {
    return `"${property}"`;
  }

  bind(property: string, value: unknown): string {
    this.values.push(value);
    return `:${property}`;
  }

  where(condition: string): this {
    this.conditions.push(condition);
    return this;
  }
}

describe('withinTenant', () => {
  it('adds the condition of the tenant’s rows, its id bound', () => {
    const read = new RecordingRead();

    expect(withinTenant(read, 'tenant-a')).toBe(read);
    expect(read.conditions).toEqual(['"tenantId" = :tenantId']);
    expect(read.values).toEqual(['tenant-a']);
  });

  it('keeps the conditions added before', () => {
    const read = new RecordingRead().where('"id" = :id');

    withinTenant(read, 'tenant-b');

    expect(read.conditions).toEqual(['"id" = :id', '"tenantId" = :tenantId']);
  });
});
