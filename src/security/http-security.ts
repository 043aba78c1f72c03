import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { AppConfig } from '../config/app-config.js';

export function configureHttpSecurity(
  _app: NestFastifyApplication,
  _config: AppConfig,
): void {}
