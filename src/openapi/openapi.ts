import type { NestFastifyApplication } from '@nestjs/platform-fastify';

export function setUpOpenApi(_app: NestFastifyApplication): void {}
