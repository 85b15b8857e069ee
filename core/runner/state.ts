import { join } from 'node:path';

/** Where cd4ml keeps its state inside a project. */
export function stateDirs(root: string): { cache: string; tmp: string; logs: string } {
  return {
    cache: join(root, '.cd4ml', 'cache'),
    tmp: join(root, '.cd4ml', 'tmp'),
    logs: join(root, '.cd4ml', 'logs'),
  };
}

/** A stage's log file name inside the logs directory. */
export function logName(stage: string): string {
  return `${stage.replace(/[^\w.@-]/g, '_')}.log`;
}
