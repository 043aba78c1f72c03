import { Controller, Delete, Get, Injectable, Post, Put } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { Test, type TestingModule } from '@nestjs/testing';
import { MethodNotAllowedError, SegmentNotFoundError } from './graph-errors.js';
import { RouteCatalog } from './route-catalog.js';

@Controller('beta/privilegedAccess/azureResources/roleAssignmentRequests')
class RequestsController {
  @Get(':id')
  get(): void {}

  @Put(':id')
  replace(): void {}

  @Post(':id/cancel')
  cancel(): void {}

  @Get()
  list(): void {}

  /** Not a route: no HTTP method metadata. */
  helper(): void {}
}

@Controller(['beta/widgets', 'v1.0/widgets'])
class WidgetsController {
  @Delete([':id', ':id/remove'])
  remove(): void {}
}

/** Entra ID's paths, as the development identity endpoints serve them. */
@Controller(':tenant/v2.0')
class TenantController {
  @Get('.well-known/openid-configuration')
  configuration(): void {}
}

@Injectable()
class NotAController {
  @Get('ghost')
  ghost(): void {}
}

const REQUESTS = '/beta/privilegedAccess/azureResources/roleAssignmentRequests';
const ID = '7c53453e-d5a4-41e0-8eb1-32d5ec8bfdee';

describe('RouteCatalog.explainUnmatched', () => {
  let moduleRef: TestingModule;
  let catalog: RouteCatalog;

  beforeAll(async () => {
    moduleRef = await Test.createTestingModule({
      imports: [DiscoveryModule],
      controllers: [RequestsController, WidgetsController, TenantController],
      providers: [RouteCatalog, NotAController],
    }).compile();
    await moduleRef.init();
    catalog = moduleRef.get(RouteCatalog);
  });
  afterAll(() => moduleRef.close());

  function expectMethodNotAllowed(
    method: string,
    url: string,
    allow: string,
  ): void {
    const error = catalog.explainUnmatched(method, url);
    expect(error).toBeInstanceOf(MethodNotAllowedError);
    expect(error).toMatchObject({
      status: 405,
      code: 'MethodNotAllowed',
      headers: { Allow: allow },
    });
    expect(error.message).toContain(method);
  }

  function expectSegmentNotFound(url: string, segment: string): void {
    const error = catalog.explainUnmatched('GET', url);
    expect(error).toBeInstanceOf(SegmentNotFoundError);
    expect(error).toMatchObject({
      status: 400,
      code: 'BadRequest',
      message: `Resource not found for the segment '${segment}'.`,
    });
  }

  it('answers 405 listing every method of a known path', () => {
    expectMethodNotAllowed('DELETE', `${REQUESTS}/${ID}`, 'GET, PUT');
    expectMethodNotAllowed('PATCH', `${REQUESTS}/${ID}`, 'GET, PUT');
  });

  it('answers 405 on an action path with its one method', () => {
    expectMethodNotAllowed('GET', `${REQUESTS}/${ID}/cancel`, 'POST');
  });

  it('answers 405 on the collection path, which has a route of its own', () => {
    expectMethodNotAllowed('POST', REQUESTS, 'GET');
  });

  it('matches paths without regard to letter case, query string or a trailing slash', () => {
    expectMethodNotAllowed(
      'DELETE',
      `/BETA/PrivilegedAccess/AZURERESOURCES/roleassignmentrequests/${ID}/?$select=id`,
      'GET, PUT',
    );
    expectMethodNotAllowed('GET', `${REQUESTS}/${ID}/CANCEL`, 'POST');
  });

  it('knows the routes of controllers with several paths', () => {
    expectMethodNotAllowed('GET', '/beta/widgets/1', 'DELETE');
    expectMethodNotAllowed('GET', '/v1.0/widgets/1/remove', 'DELETE');
  });

  it('ignores decorated methods of providers that are not controllers', () => {
    expectSegmentNotFound('/ghost', 'ghost');
  });

  it.each([
    ['an unknown first segment under the version', '/beta/foo', 'foo'],
    ['an unknown version', '/v2/widgets', 'v2'],
    ['an unknown action of a request', `${REQUESTS}/${ID}/bogus`, 'bogus'],
    [
      'a segment beyond the deepest route',
      `${REQUESTS}/${ID}/cancel/again`,
      'again',
    ],
    [
      'an unknown collection of a known provider',
      '/beta/privilegedAccess/azureResources/roleThings',
      'roleThings',
    ],
    ['a query string, which is no segment', '/beta/foo?$top=1', 'foo'],
    ['a percent-encoded segment, decoded', '/beta/f%C3%BC%20o', 'fü o'],
    ['a malformed percent-encoding, as sent', '/beta/%E0%A4%A', '%E0%A4%A'],
  ])('names the segment for %s', (_case, url, segment) => {
    expectSegmentNotFound(url, segment);
  });

  it('names the first segment of an unknown version, though a route begins with a parameter', () => {
    expectSegmentNotFound('/v2.0/privilegedAccess', 'v2.0');
  });

  it('still answers 405 on a path of a route that begins with a parameter', () => {
    expectMethodNotAllowed(
      'POST',
      `/${ID}/v2.0/.well-known/openid-configuration`,
      'GET',
    );
  });

  it('names the last segment of a path that stops short of every route', () => {
    expectSegmentNotFound(
      '/beta/privilegedAccess/azureResources',
      'azureResources',
    );
  });
});
