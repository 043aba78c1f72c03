import {
  Global,
  Logger,
  Module,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { AppConfig } from '../config/app-config.js';
import { ExampleSeed } from './example-seed.js';
import { describeSeedProgress } from './seed-progress.js';
import { SeedService } from './seed.service.js';

@Global()
@Module({
  imports: [DiscoveryModule],
  providers: [SeedService, ExampleSeed],
  exports: [SeedService, ExampleSeed],
})
export class SeedingModule implements OnApplicationBootstrap {
  private readonly logger = new Logger(SeedingModule.name);

  constructor(
    private readonly config: AppConfig,
    private readonly seeds: SeedService,
  ) {}

  /** SEED_FILE is loaded at every start: its records are restored to what the file says. */
  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.seedFile) {
      return;
    }
    const summary = await this.seeds.seedFile(this.config.seedFile, {
      onProgress: (progress) => this.logger.log(describeSeedProgress(progress)),
    });
    this.logger.log(
      `Seeded ${JSON.stringify(summary)} from ${this.config.seedFile}`,
    );
  }
}
