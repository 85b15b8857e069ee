import * as jsYaml from 'js-yaml';
import { DEFAULT_SCHEMA, Type, type Schema } from 'js-yaml';

/**
 * Values as DVC (Python) sees them. YAML's `1.0` is a float to Python, so DVC writes it
 * back as `1.0` — in a cmd, in a generated stage name (`sweep@1.0`) — where JavaScript has
 * lost the difference and would write `1`. A float with an integral value therefore
 * stays boxed as a PyFloat until it is either printed (Python's way) or used as a number.
 */
export class PyFloat {
  constructor(readonly value: number) {}
  toString(): string {
    return pyFloatRepr(this.value);
  }
  toJSON(): number {
    return this.value;
  }
  valueOf(): number {
    return this.value;
  }
}

interface ScalarType {
  resolve: (data: string) => boolean;
  construct: (data: string) => unknown;
  predicate: (data: unknown) => boolean;
  represent: NonNullable<ConstructorParameters<typeof Type>[1]>['represent'];
  defaultStyle: string;
}
// js-yaml's own float type (exported at runtime, missing from its typings).
const float = (jsYaml as unknown as { types: { float: ScalarType } }).types.float;

/** YAML 1.2 floats with integral values (`1.0`, `1e3`) as PyFloat; everything else as js-yaml reads it. */
export const PYTHON_YAML_SCHEMA: Schema = DEFAULT_SCHEMA.extend({
  implicit: [
    new Type('tag:yaml.org,2002:float', {
      kind: 'scalar',
      resolve: (data: string) => float.resolve(data),
      construct: (data: string) => {
        const value = float.construct(data) as number;
        return Number.isInteger(value) ? new PyFloat(value) : value;
      },
      predicate: (data: unknown) => data instanceof PyFloat || float.predicate(data),
      represent: float.represent,
      defaultStyle: float.defaultStyle,
    }),
  ],
});

/** Python's `repr` of a float: shortest round-trip digits, exponent below 1e-4 and from 1e16. */
function pyFloatRepr(n: number): string {
  if (Number.isNaN(n)) return 'nan';
  if (!Number.isFinite(n)) return n > 0 ? 'inf' : '-inf';
  const [mantissa = '0', expText = '0'] = n.toExponential().split('e');
  const exp = Number(expText);
  if (exp < -4 || exp >= 16)
    return `${mantissa}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  const sign = n < 0 ? '-' : '';
  const digits = mantissa.replace('-', '').replace('.', '');
  if (exp < 0) return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
  return digits.length > exp + 1
    ? `${sign}${digits.slice(0, exp + 1)}.${digits.slice(exp + 1)}`
    : `${sign}${digits.padEnd(exp + 1, '0')}.0`;
}

/**
 * A scalar as DVC puts it in a string (`to_str`): booleans `true`/`false`, null `None`,
 * floats as Python prints them.
 */
export function pyStr(value: unknown): string {
  if (value instanceof PyFloat) return value.toString();
  if (typeof value === 'number')
    return Number.isInteger(value) ? String(value) : pyFloatRepr(value);
  if (value === null || value === undefined) return 'None';
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return JSON.stringify(value);
}

/** A value with every PyFloat turned back into a plain number (for validation and the runner). */
export function unbox(value: unknown): unknown {
  if (value instanceof PyFloat) return value.value;
  if (Array.isArray(value)) return value.map(unbox);
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, unbox(v)]));
  return value;
}

export function isScalarValue(value: unknown): value is string | number | boolean | PyFloat {
  return (
    typeof value === 'string' ||
    typeof value === 'number' ||
    typeof value === 'boolean' ||
    value instanceof PyFloat
  );
}
