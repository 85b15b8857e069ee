import type { FieldPath } from '../yaml/source.js';
import { InterpolationError } from './interpolate.js';
import { PyFloat } from './python.js';
import { isRecord } from './values.js';

/**
 * DVC's `validate_value`: a field that is exactly `${x}` may only be a scalar — except a
 * mapping in `cmd`, unpacked into flags.
 */
export function checkWhole(
  before: unknown,
  after: unknown,
  key: string,
  at: FieldPath,
  onError: (at: FieldPath, error: InterpolationError) => never,
): void {
  const walk = (b: unknown, a: unknown, where: FieldPath): void => {
    if (typeof b === 'string') {
      if (
        b.includes('${') &&
        a !== b &&
        typeof a === 'object' &&
        a !== null &&
        !(a instanceof PyFloat)
      ) {
        if (key === 'cmd' && isRecord(a)) return;
        onError(
          where,
          new InterpolationError(
            `cannot interpolate data of type '${Array.isArray(a) ? 'list' : 'dict'}' into ${key}`,
            b,
          ),
        );
      }
      return;
    }
    if (Array.isArray(b) && Array.isArray(a))
      b.forEach((item, i) => walk(item, a[i], [...where, i]));
    else if (isRecord(b) && isRecord(a)) {
      const values = Object.values(a);
      Object.values(b).forEach((item, i) => walk(item, values[i], where));
    }
  };
  walk(before, after, at);
}
