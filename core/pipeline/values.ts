import { PyFloat } from './python.js';

export function isRecord(value: unknown): value is Record<string, unknown> {
  return (
    value !== null &&
    typeof value === 'object' &&
    !Array.isArray(value) &&
    !(value instanceof PyFloat)
  );
}

export function isScalar(value: unknown): value is string | number | boolean | PyFloat {
  return (
    typeof value === 'string' ||
    typeof value === 'number' ||
    typeof value === 'boolean' ||
    value instanceof PyFloat
  );
}
