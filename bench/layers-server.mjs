// One layer of the service at a time, for the cost of every layer: LAYER=fastify (a bare
// Fastify route), nest (Nest on Fastify, a controller answering at once), graph (+ the Graph
// plumbing: hooks, body parser, filter, interceptors) or auth (+ passport-jwt and the scope
// guard). None touches the database; `service` in run.mjs is the whole thing.
import 'reflect-metadata';
import {
  Controller,
  Get,
  Global,
  HttpCode,
  Module,
  Param,
  Post,
} from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import Fastify from 'fastify';

const dist = new URL('../dist/', import.meta.url);
const load = (path) => import(new URL(path, dist).href);
const { PORT, LAYER } = process.env;
const ROUTE = 'beta/privilegedAccess/azureResources/roleAssignmentRequests';
const ENTITY = {
  id: '7c53453e-d5a4-41e0-8eb1-32d5ec8bfdee',
  status: { subStatus: 'Granted' },
};

if (LAYER === 'fastify') {
  const app = Fastify();
  app.post(`/${ROUTE}/:id/cancel`, (_request, reply) => reply.code(204).send());
  app.get(`/${ROUTE}/:id`, () => ENTITY);
  await app.listen({ port: Number(PORT), host: '127.0.0.1' });
} else {
  const withGraph = LAYER === 'graph' || LAYER === 'auth';
  const withAuth = LAYER === 'auth';
  const { loadAppConfig } = await load('config/app-config.js');
  const { ConfigModule } = await load('config/config.module.js');
  const { GraphModule } = await load('graph/graph.module.js');
  const { AuthModule } = await load('auth/auth.module.js');
  const { RequiredScopes } = await load('auth/required-scopes.decorator.js');
  const { NoRequestBody } = await load('graph/no-request-body.js');
  const { READ_AZURE_RESOURCES, WRITE_AZURE_RESOURCES } = await load(
    'privileged-access/azure-resources/graph/azure-resources.constants.js',
  );
  const { configureApp } = await load('app.setup.js');
  const { DependencyFailures } = await load('errors/dependency-failures.js');

  class StubController {
    cancel() {}
    get() {
      return ENTITY;
    }
  }
  const decorate = (name, ...decorators) => {
    const descriptor = Object.getOwnPropertyDescriptor(
      StubController.prototype,
      name,
    );
    for (const decorator of decorators.reverse()) {
      decorator(StubController.prototype, name, descriptor);
    }
    Reflect.defineMetadata(
      'design:paramtypes',
      [String],
      StubController.prototype,
      name,
    );
    Param('id')(StubController.prototype, name, 0);
  };
  decorate(
    'cancel',
    Post(':id/cancel'),
    HttpCode(204),
    ...(withGraph
      ? [NoRequestBody(), RequiredScopes(WRITE_AZURE_RESOURCES)]
      : []),
  );
  decorate(
    'get',
    Get(':id'),
    ...(withGraph ? [RequiredScopes(READ_AZURE_RESOURCES)] : []),
  );
  Controller(ROUTE)(StubController);

  const config = loadAppConfig({ ...process.env, NODE_ENV: 'production' });
  // The Graph filter asks the database's layer which failures mean "unavailable": no database.
  class NoDependencies {}
  Global()(NoDependencies);
  Module({
    providers: [
      { provide: DependencyFailures, useValue: { isUnavailable: () => false } },
    ],
    exports: [DependencyFailures],
  })(NoDependencies);
  class LayerModule {}
  Module({
    imports: [
      ConfigModule.forRoot(config),
      NoDependencies,
      ...(withGraph ? [GraphModule] : []),
      ...(withAuth ? [AuthModule] : []),
    ],
    controllers: [StubController],
  })(LayerModule);

  const app = await NestFactory.create(LayerModule, new FastifyAdapter(), {
    logger: ['error'],
    bodyParser: !withGraph,
  });
  if (withGraph) {
    configureApp(app);
  }
  await app.listen(Number(PORT), '127.0.0.1');
}

// Exit on the harness's SIGINT the way the service does, so that --cpu-prof writes its profile.
process.once('SIGINT', () => process.exit(0));
