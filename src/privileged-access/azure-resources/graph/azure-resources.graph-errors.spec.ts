import { readdirSync } from 'node:fs';
import path from 'node:path';
import {
  DomainError,
  type DomainErrorClass,
} from '../../../errors/domain-error.js';
import { hasGraphWording } from '../../../graph/graph-error-registry.js';

const FEATURES = path.resolve(import.meta.dirname, '..');

function featureFiles(suffix: string): string[] {
  return readdirSync(FEATURES, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith(suffix))
    .map((file) => path.join(FEATURES, file))
    .sort();
}

/** Every domain error class the feature modules' `*.errors.ts` export, by its export name. */
async function exportedDomainErrors(): Promise<[string, DomainErrorClass][]> {
  const classes: [string, DomainErrorClass][] = [];
  for (const file of featureFiles('.errors.ts')) {
    const exports = (await import(file)) as Record<string, unknown>;
    classes.push(
      ...Object.entries(exports).filter(
        (entry): entry is [string, DomainErrorClass] =>
          typeof entry[1] === 'function' &&
          entry[1].prototype instanceof DomainError,
      ),
    );
  }
  return classes;
}

// A domain error the Graph surface cannot word would reach a client as a 500: every one a
// feature module exports is worded once the controllers, which import the wordings, are loaded.
describe('the Graph wording of the feature modules’ domain errors', () => {
  beforeAll(async () => {
    // One at a time: Jest's module loader does not link concurrent imports of shared modules.
    for (const file of featureFiles('.controller.ts')) {
      await import(file);
    }
  });

  it('finds the domain errors', async () => {
    expect((await exportedDomainErrors()).length).toBeGreaterThan(10);
  });

  it('words every domain error a feature module exports', async () => {
    const unworded = (await exportedDomainErrors())
      .filter(([, errorClass]) => !hasGraphWording(errorClass))
      .map(([name]) => name);

    expect(unworded).toEqual([]);
  });
});
