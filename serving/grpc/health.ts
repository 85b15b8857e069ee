import { status } from '@grpc/grpc-js';
import type { ServerWritableStream, UntypedServiceImplementation } from '@grpc/grpc-js';
import type { ModelRegistry } from '../models/registry.js';
import { GrpcError, unary } from './status.js';
import type { UnaryContext } from './status.js';

/**
 * grpc.health.v1.Health: the service "" is the server (SERVING once every model has a
 * version serving, as /v2/health/ready), and each model name is a service of its own
 * (SERVING while it has a version serving). Watch re-checks every WATCH_MS.
 */
const WATCH_MS = 1000;

type Serving = 'SERVING' | 'NOT_SERVING' | 'SERVICE_UNKNOWN';

function statusOf(models: ModelRegistry, service: string): Serving | undefined {
  if (service === '') return models.ready ? 'SERVING' : 'NOT_SERVING';
  const entry = models.entries().find((m) => m.name === service);
  if (!entry) return undefined;
  return models.latest(entry) ? 'SERVING' : 'NOT_SERVING';
}

export function healthService(
  o: UnaryContext & { models: ModelRegistry },
): UntypedServiceImplementation {
  return {
    Check: unary(o, 'grpc', (req: { service?: string }) => {
      const service = req.service ?? '';
      const found = statusOf(o.models, service);
      if (!found)
        throw new GrpcError(
          status.NOT_FOUND,
          `no service '${service.slice(0, 64)}': ask for '' (the server) or a model name`,
        );
      return { status: found };
    }),
    List: unary(o, 'grpc', () => {
      const statuses: Record<string, { status: Serving }> = {
        '': { status: statusOf(o.models, '')! },
      };
      for (const m of o.models.entries())
        statuses[m.name] = { status: statusOf(o.models, m.name)! };
      return { statuses };
    }),
    Watch: (call: ServerWritableStream<{ service?: string }, { status: Serving }>) => {
      const service = call.request.service ?? '';
      let last: Serving | undefined;
      const send = (): void => {
        const now = statusOf(o.models, service) ?? 'SERVICE_UNKNOWN';
        if (now !== last) call.write({ status: now });
        last = now;
      };
      send();
      const timer = setInterval(send, WATCH_MS);
      timer.unref();
      call.on('cancelled', () => clearInterval(timer));
      call.on('close', () => clearInterval(timer));
    },
  };
}
