import { execFile } from 'node:child_process';
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const REPO = path.resolve(import.meta.dirname, '..');
const DEPENDENCY_CRUISER = path.join(
  REPO,
  'node_modules',
  'dependency-cruiser',
  'bin',
  'dependency-cruise.mjs',
);

interface Verdict {
  exitCode: number;
  output: string;
}

/**
 * Runs the repository's dependency rules, as `npm run lint` does, on a tree of these source
 * files (path → content) beside the repository's package.json and node_modules.
 */
async function cruise(files: Record<string, string>): Promise<Verdict> {
  const tree = mkdtempSync(path.join(tmpdir(), 'dependency-rules-'));
  try {
    copyFileSync(
      path.join(REPO, 'package.json'),
      path.join(tree, 'package.json'),
    );
    copyFileSync(
      path.join(REPO, 'tsconfig.json'),
      path.join(tree, 'tsconfig.json'),
    );
    symlinkSync(
      path.join(REPO, 'node_modules'),
      path.join(tree, 'node_modules'),
    );
    for (const [file, content] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(tree, file)), { recursive: true });
      writeFileSync(path.join(tree, file), content);
    }
    const run = promisify(execFile)(
      process.execPath,
      [
        DEPENDENCY_CRUISER,
        'src',
        '--config',
        path.join(REPO, '.dependency-cruiser.cjs'),
      ],
      { cwd: tree },
    );
    try {
      const { stdout } = await run;
      return { exitCode: 0, output: stdout };
    } catch (error) {
      const failed = error as { code: number; stdout: string };
      return { exitCode: failed.code, output: failed.stdout };
    }
  } finally {
    rmSync(tree, { recursive: true, force: true });
  }
}

const FEATURE = {
  'src/privileged-access/azure-resources/resources/resources.service.ts':
    'export const RESOURCES = 1;\n',
};

describe('the dependency rules of `npm run lint`', () => {
  it.each([
    [
      'plumbing-knows-no-feature',
      'the Graph layer imports a feature module',
      {
        ...FEATURE,
        'src/graph/graph-thing.ts':
          "export { RESOURCES } from '../privileged-access/azure-resources/resources/resources.service.js';\n",
      },
    ],
    [
      'plumbing-knows-no-feature',
      'the database layer imports a feature module',
      {
        ...FEATURE,
        'src/database/database-thing.ts':
          "export { RESOURCES } from '../privileged-access/azure-resources/resources/resources.service.js';\n",
      },
    ],
    [
      'surface-knows-no-database',
      'the Graph layer reads the database layer',
      {
        'src/database/database-errors.ts': 'export const BUSY = 1;\n',
        'src/graph/graph-thing.ts':
          "export { BUSY } from '../database/database-errors.js';\n",
      },
    ],
    [
      'domain-errors-know-no-surface',
      "a feature module's domain errors are Graph errors",
      {
        'src/graph/graph-error.ts': 'export class GraphError {}\n',
        'src/privileged-access/azure-resources/resources/resource.errors.ts':
          "import { GraphError } from '../../../graph/graph-error.js';\nexport class ResourceNotFoundError extends GraphError {}\n",
      },
    ],
    [
      'domain-knows-no-surface',
      "a feature module's service reads through the Graph layer",
      {
        'src/graph/odata/entity-set-reader.ts':
          'export class EntitySetReader {}\n',
        'src/privileged-access/azure-resources/resources/resources.service.ts':
          "export { EntitySetReader } from '../../../graph/odata/entity-set-reader.js';\n",
      },
    ],
    [
      'domain-knows-no-surface',
      "a feature module's service takes the Graph request body",
      {
        'src/privileged-access/azure-resources/resources/graph/dto/create-resource.dto.ts':
          'export class CreateResourceDto {}\n',
        'src/privileged-access/azure-resources/resources/resources.service.ts':
          "export { CreateResourceDto } from './graph/dto/create-resource.dto.js';\n",
      },
    ],
    [
      'domain-knows-no-surface',
      "a feature module's repository presents its entity in Graph's shape",
      {
        'src/privileged-access/azure-resources/resources/graph/resource.presenter.ts':
          'export const present = 1;\n',
        'src/privileged-access/azure-resources/resources/resources.repository.ts':
          "export { present } from './graph/resource.presenter.js';\n",
      },
    ],
    [
      'domain-knows-no-surface',
      "the seed format's DTO validates with the Graph layer",
      {
        'src/graph/graph-validators.ts': 'export const IsGraphThing = 1;\n',
        'src/privileged-access/azure-resources/resources/dto/seed-resource.dto.ts':
          "export { IsGraphThing } from '../../../../graph/graph-validators.js';\n",
      },
    ],
    [
      'surfaces-know-no-other-surface',
      'a Resource Manager controller answers with a Graph entity set',
      {
        'src/privileged-access/azure-resources/resources/graph/resources.entity-set.ts':
          'export const RESOURCES = 1;\n',
        'src/privileged-access/azure-resources/resources/resource-manager/resources.controller.ts':
          "export { RESOURCES } from '../graph/resources.entity-set.js';\n",
      },
    ],
    [
      'graph-knows-no-resource-manager',
      'the Graph layer words an error with a Resource Manager class',
      {
        'src/resource-manager/arm-error.ts': 'export class ArmError {}\n',
        'src/graph/graph-thing.ts':
          "export { ArmError } from '../resource-manager/arm-error.js';\n",
      },
    ],
    [
      'modules-meet-through-what-they-export',
      "a feature module uses a sibling's seeder",
      {
        'src/privileged-access/azure-resources/resources/resources.seeder.ts':
          'export class ResourcesSeeder {}\n',
        'src/privileged-access/azure-resources/role-definitions/role-definitions.service.ts':
          "export { ResourcesSeeder } from '../resources/resources.seeder.js';\n",
      },
    ],
    [
      'services-refuse-with-domain-errors',
      "a feature module's service throws the Graph 403",
      {
        'src/auth/auth.errors.ts':
          'export class UnauthorizedAccessError extends Error {}\n',
        'src/privileged-access/azure-resources/resources/resources.service.ts':
          "export { UnauthorizedAccessError } from '../../../auth/auth.errors.js';\n",
      },
    ],
    [
      'no-test-code-in-the-service',
      'the service imports test support',
      {
        'test/support/clock.ts': 'export const TEST_NOW = 1;\n',
        'src/clock/clock.ts':
          "export { TEST_NOW } from '../../test/support/clock.js';\n",
      },
    ],
    [
      'no-development-dependency-in-the-service',
      'the service imports a development dependency',
      { 'src/clock/clock.ts': "export { jest } from '@jest/globals';\n" },
    ],
    [
      'no-unresolvable-import',
      'an import names a file that does not exist',
      { 'src/clock/clock.ts': "export { NOW } from './gone.js';\n" },
    ],
    [
      'no-circular',
      'two modules import each other',
      {
        'src/clock/a.ts': "import { B } from './b.js';\nexport const A = B;\n",
        'src/clock/b.ts':
          "import { A } from './a.js';\nexport const B = 1;\nexport const C = A;\n",
      },
    ],
  ])('fail on %s: %s', async (rule, _case, files) => {
    const verdict = await cruise(files);

    expect(verdict.exitCode).not.toBe(0);
    expect(verdict.output).toContain(`error ${rule}:`);
  });

  it('pass the composition root, which imports every module, a spec using development tools, the Graph wording of a module’s errors, a module joining its domain and its Graph files, and a module reading a sibling’s table through its repository', async () => {
    const verdict = await cruise({
      ...FEATURE,
      'src/graph/odata/entity-set-queries.ts':
        'export class EntitySetQueries {}\n',
      'src/privileged-access/azure-resources/resources/graph/resource.queries.ts':
        "export { EntitySetQueries } from '../../../../graph/odata/entity-set-queries.js';\nexport { RESOURCES } from '../resources.service.js';\n",
      'src/values/date-time-text.ts': 'export const IsDateTimeText = 1;\n',
      'src/privileged-access/azure-resources/resources/dto/seed-resource.dto.ts':
        "export { IsDateTimeText } from '../../../../values/date-time-text.js';\n",
      'src/privileged-access/azure-resources/resources/resources.seeder.ts':
        "export { IsDateTimeText } from './dto/seed-resource.dto.js';\n",
      'src/privileged-access/azure-resources/resources/resources.module.ts':
        "export { EntitySetQueries } from './graph/resource.queries.js';\nexport { IsDateTimeText } from './resources.seeder.js';\n",
      'src/graph/graph-error-registry.ts': 'export const WORDINGS = 1;\n',
      'src/privileged-access/azure-resources/resources/graph/resource.graph-errors.ts':
        "export { WORDINGS } from '../../../../graph/graph-error-registry.js';\n",
      'src/privileged-access/azure-resources/resources/resources.repository.ts':
        'export class ResourcesRepository {}\n',
      'src/privileged-access/azure-resources/role-definitions/role-definitions.service.ts':
        "export { ResourcesRepository } from '../resources/resources.repository.js';\n",
      'src/app.module.ts':
        "export { RESOURCES } from './privileged-access/azure-resources/resources/resources.service.js';\n",
      'src/clock/clock.spec.ts': "export { jest } from '@jest/globals';\n",
    });

    expect(verdict).toEqual({
      exitCode: 0,
      output: expect.stringContaining('no dependency violations found'),
    });
  });
});
