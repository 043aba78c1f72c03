import type { IncomingMessage } from 'node:http';

/** Where every Resource Manager route of this service is mounted once its scope is taken off. */
export const ARM_PROVIDER_ROUTE = 'providers/Microsoft.Authorization';

const PROVIDER_SEGMENT = '/providers/microsoft.authorization';
const ARM_SCOPE = Symbol('resourceManager.scope');

type RequestWithScope = IncomingMessage & { [ARM_SCOPE]?: string };

/**
 * A Resource Manager address: `{scope}/providers/Microsoft.Authorization/{collection}/…`, where
 * the scope is an ARM id of any depth (`/subscriptions/{id}`, a resource group, a resource) or
 * nothing (the tenant's root). Fastify routes by fixed segments, so the scope is taken off
 * before routing (`rewriteArmUrl`) and kept on the request for the handler (`@ArmScope()`).
 */
export interface ArmAddress {
  /** The ARM id the call is made at, as the client wrote it; '' at the root. */
  readonly scope: string;
  /** The URL routed: `/providers/Microsoft.Authorization/…` and its query, without the scope. */
  readonly routedUrl: string;
}

/**
 * The Resource Manager address of a URL, or undefined for any other (Graph, the emulator,
 * health). The last `/providers/Microsoft.Authorization` segment starts the provider's part:
 * a scope may itself name providers (`…/providers/Microsoft.Compute/virtualMachines/vm`).
 */
export function armAddressOf(url: string): ArmAddress | undefined {
  const queryStart = url.indexOf('?');
  const path = queryStart === -1 ? url : url.slice(0, queryStart);
  const lowerPath = path.toLowerCase();
  const at = lowerPath.lastIndexOf(PROVIDER_SEGMENT);
  if (at === -1) {
    return undefined;
  }
  const after = lowerPath.charAt(at + PROVIDER_SEGMENT.length);
  if (after !== '' && after !== '/') {
    return undefined;
  }
  // The Azure SDK puts a slash before the scope it is given: `//subscriptions/…` for one that
  // starts with a slash, `//providers/…` for the root's empty one.
  const written = path.slice(0, at);
  const scope = /^\/*$/.test(written) ? '' : written.replace(/^\/+/, '/');
  if (scope !== '' && !/^\/(subscriptions|providers)\//i.test(scope)) {
    return undefined;
  }
  return {
    scope,
    routedUrl: `/${ARM_PROVIDER_ROUTE}${url.slice(at + PROVIDER_SEGMENT.length)}`,
  };
}

/**
 * Fastify's `rewriteUrl`: a Resource Manager URL is routed without its scope, which the request
 * keeps; any other URL is routed as it came.
 */
export function rewriteArmUrl(request: IncomingMessage): string {
  const url = request.url ?? '/';
  const address = armAddressOf(url);
  if (!address) {
    return url;
  }
  (request as RequestWithScope)[ARM_SCOPE] = address.scope;
  return address.routedUrl;
}

/** Whether the request came to a Resource Manager address (set before routing). */
export function isArmRequest(request: IncomingMessage): boolean {
  return (request as RequestWithScope)[ARM_SCOPE] !== undefined;
}

/** The scope of a Resource Manager request, as the client wrote it; '' at the root. */
export function armScopeOf(request: IncomingMessage): string {
  return (request as RequestWithScope)[ARM_SCOPE] ?? '';
}
