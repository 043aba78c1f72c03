import {
  Injectable,
  type OnApplicationBootstrap,
  RequestMethod,
} from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import { MethodNotAllowedError, SegmentNotFoundError } from './graph-errors.js';
import type { GraphError } from './graph-error.js';

interface Route {
  /** Lower-case path segments; `undefined` stands for a parameter. */
  readonly segments: readonly (string | undefined)[];
  readonly method: string;
}

/**
 * Knows every route the application registered, so that a request no route matched can get the
 * answer Graph gives: 405 when the path exists with other methods, otherwise 400 naming the
 * first segment that leads nowhere.
 */
@Injectable()
export class RouteCatalog implements OnApplicationBootstrap {
  private routes: Route[] = [];

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
  ) {}

  onApplicationBootstrap(): void {
    this.routes = this.discovery
      .getControllers()
      .flatMap(({ metatype, instance }) =>
        metatype && instance
          ? this.routesOf(metatype, Object.getPrototypeOf(instance) as object)
          : [],
      );
  }

  explainUnmatched(method: string, url: string): GraphError {
    const segments = splitPath(url);
    const allowed = this.routes
      .filter((route) => matchesFully(route.segments, segments))
      .map((route) => route.method);
    if (allowed.length > 0) {
      return new MethodNotAllowedError(method, [...new Set(allowed)]);
    }
    // A route whose first segment is a parameter (the development identity endpoints'
    // `{tenant}`) would take any first segment as its own: Graph names the first segment its
    // own routes, which all begin with a name, do not know.
    const matchedDepth = Math.max(
      0,
      ...this.routes
        .filter((route) => route.segments[0] !== undefined)
        .map((route) => matchingPrefixLength(route.segments, segments)),
    );
    return new SegmentNotFoundError(
      segments[Math.min(matchedDepth, segments.length - 1)] ?? '',
    );
  }

  private routesOf(controller: object, prototype: object): Route[] {
    const controllerPaths = asList(
      Reflect.getMetadata(PATH_METADATA, controller),
    );
    return this.scanner.getAllMethodNames(prototype).flatMap((name) => {
      const handler = (prototype as Record<string, unknown>)[name] as object;
      const requestMethod = Reflect.getMetadata(METHOD_METADATA, handler) as
        RequestMethod | undefined;
      if (requestMethod === undefined) {
        return [];
      }
      const methodPaths = asList(Reflect.getMetadata(PATH_METADATA, handler));
      return controllerPaths.flatMap((base) =>
        methodPaths.map((path) => ({
          segments: splitPath(`${base}/${path}`).map((segment) =>
            segment.startsWith(':') ? undefined : segment.toLowerCase(),
          ),
          method: RequestMethod[requestMethod],
        })),
      );
    });
  }
}

function asList(value: unknown): string[] {
  if (Array.isArray(value)) {
    return value as string[];
  }
  return typeof value === 'string' ? [value] : [''];
}

function splitPath(url: string): string[] {
  const path = url.split('?')[0];
  return path
    .split('/')
    .filter((segment) => segment.length > 0)
    .map(safeDecode);
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function segmentMatches(pattern: string | undefined, segment: string): boolean {
  return pattern === undefined || pattern === segment.toLowerCase();
}

function matchesFully(
  pattern: readonly (string | undefined)[],
  segments: readonly string[],
): boolean {
  return (
    pattern.length === segments.length &&
    pattern.every((part, index) => segmentMatches(part, segments[index]))
  );
}

function matchingPrefixLength(
  pattern: readonly (string | undefined)[],
  segments: readonly string[],
): number {
  let length = 0;
  while (
    length < pattern.length &&
    length < segments.length &&
    segmentMatches(pattern[length], segments[length])
  ) {
    length += 1;
  }
  return length;
}
