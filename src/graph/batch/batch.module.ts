import { Module } from '@nestjs/common';
import { BatchController } from './batch.controller.js';
import { BatchRunner } from './batch-runner.service.js';

/** Graph's JSON batching, `POST /beta/$batch`: plumbing that knows no feature module. */
@Module({
  controllers: [BatchController],
  providers: [BatchRunner],
})
export class BatchModule {}
