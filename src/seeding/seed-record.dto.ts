import { Matches } from 'class-validator';
import { GUID_PATTERN } from '../values/guid.js';

export const GUID_MESSAGE = { message: '$property must be a GUID' };

/** What every record of a tenant-scoped collection has: its GUID and its tenant's. */
export class SeedTenantRecordDto {
  @Matches(GUID_PATTERN, GUID_MESSAGE)
  id: string;

  @Matches(GUID_PATTERN, GUID_MESSAGE)
  tenantId: string;
}
