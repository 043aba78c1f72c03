import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import {
  DomainError,
  type DomainErrorClass,
} from '../../../errors/domain-error.js';
import { hasArmWording } from '../../../resource-manager/arm-error-registry.js';

const FEATURES = path.resolve(import.meta.dirname, '..');

/** The feature modules that serve Resource Manager routes: those with a resource-manager/ folder. */
function modulesWithResourceManagerRoutes(): string[] {
  return readdirSync(FEATURES)
    .map((name) => path.join(FEATURES, name))
    .filter((folder) => existsSync(path.join(folder, 'resource-manager')))
    .sort();
}

function filesOf(folder: string, suffix: string): string[] {
  return readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith(suffix))
    .map((file) => path.join(folder, file))
    .sort();
}

// A domain error the Resource Manager surface cannot word would reach a client as a 500:
// every one a module with Resource Manager routes exports is worded once its controllers,
// which import the wordings, are loaded.
describe('the Resource Manager wording of the domain errors of its modules', () => {
  const modules = modulesWithResourceManagerRoutes();

  beforeAll(async () => {
    // One at a time: Jest's module loader does not link concurrent imports of shared modules.
    for (const folder of modules) {
      for (const file of filesOf(folder, '.controller.ts')) {
        await import(file);
      }
    }
  });

  it('words every domain error those modules export', async () => {
    const unworded: string[] = [];
    for (const folder of modules) {
      for (const file of filesOf(folder, '.errors.ts')) {
        const exports = (await import(file)) as Record<string, unknown>;
        for (const [name, value] of Object.entries(exports)) {
          if (
            typeof value === 'function' &&
            value.prototype instanceof DomainError &&
            !hasArmWording(value as DomainErrorClass)
          ) {
            unworded.push(name);
          }
        }
      }
    }

    expect(modules.length).toBeGreaterThan(0);
    expect(unworded).toEqual([]);
  });
});
