import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import type { ArmErrorBody } from './arm-error.js';

/**
 * The OpenAPI schema of ARM's error envelope (arm-error.ts), under the names Microsoft's
 * `Microsoft.Authorization` specification gives it, so that generated clients recognise it.
 */

@ApiSchema({
  name: 'CloudErrorBody',
  description: 'What went wrong: a code to branch on and a message for people.',
})
export class ArmErrorDetailSchema {
  @ApiProperty({
    description:
      'A stable code to branch on, such as `AuthorizationFailed` or `InvalidApiVersionParameter`.',
    example: 'AuthorizationFailed',
  })
  code: string;

  @ApiProperty({
    description: 'What went wrong, for people.',
    example: 'Request is not in cancellable state.',
  })
  message: string;
}

@ApiSchema({
  name: 'CloudError',
  description:
    'The body of every Resource Manager error response, of every status, with content type `application/json`. Request ids travel in the `x-ms-*` headers, not in the body.',
})
export class ArmErrorSchema implements ArmErrorBody {
  @ApiProperty({ type: () => ArmErrorDetailSchema })
  error: ArmErrorDetailSchema;
}
