import {
  ArrayMaxSize,
  IsArray,
  IsOptional,
  IsString,
  Length,
  Matches,
} from 'class-validator';
import { GUID_MESSAGE } from '../../seeding/seed-record.dto.js';
import { GUID_PATTERN } from '../../values/guid.js';

/** Where this module is, for the seed's validation worker threads. */
export const SEED_CLIENT_APPLICATION_MODULE_URL = import.meta.url;

// A permission name, as Graph's are (`PrivilegedAccess.ReadWrite.AzureResources`): the roles are
// stored space-separated, as `scp` is written.
const PERMISSION_PATTERN = /^[A-Za-z0-9._-]{1,128}$/;

/**
 * One record of `clients` in a seed file: an app that signs in at
 * `/{tenant}/oauth2/v2.0/token` with the client credentials grant.
 */
export class SeedClientApplicationDto {
  /** Its application (client) id, as `client_id` sends it. */
  @Matches(GUID_PATTERN, GUID_MESSAGE)
  clientId: string;

  @Matches(GUID_PATTERN, GUID_MESSAGE)
  tenantId: string;

  @IsString()
  @Length(1, 256)
  clientSecret: string;

  /** Its application permissions, the `roles` of its tokens. */
  @IsArray()
  @ArrayMaxSize(30)
  @Matches(PERMISSION_PATTERN, {
    each: true,
    message: 'each value of $property must be a permission name',
  })
  appRoles: string[];

  /** Its service principal's object id (`oid`); the client id when left out. */
  @IsOptional()
  @Matches(GUID_PATTERN, GUID_MESSAGE)
  objectId?: string;
}
