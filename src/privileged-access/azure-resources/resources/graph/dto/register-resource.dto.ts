import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches, MaxLength } from 'class-validator';
import { REGISTRABLE_EXTERNAL_ID } from '../../resource-registration.js';

/** `POST …/resources/register`, as Graph documents it: the ARM id of what to register. */
export class RegisterResourceDto {
  @ApiProperty({
    type: String,
    maxLength: 1024,
    pattern: REGISTRABLE_EXTERNAL_ID.source,
    description:
      'The ARM id of a subscription (`/subscriptions/{id}`) or a management group (`/providers/Microsoft.Management/managementGroups/{name}`), in any letter case.',
    example: '/subscriptions/c14ae696-5e0c-4e5d-88cc-bef6637737ac',
  })
  @IsString()
  @MaxLength(1024)
  @Matches(REGISTRABLE_EXTERNAL_ID, {
    message:
      '$property must be the id of a subscription (/subscriptions/{id}) or a management group (/providers/Microsoft.Management/managementGroups/{name})',
  })
  externalId: string;
}
