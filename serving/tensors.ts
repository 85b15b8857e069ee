/**
 * The tensor vocabulary of the server: element types, signatures, the typed arrays
 * that hold tensor data. JSON is checked in tensor-checks.ts and json-tensors.ts,
 * datatype names are in dtype-names.ts, float16 bits in half-float.ts.
 */

/** The tensor element types onnxruntime-node takes and returns (excluding 4-bit types). */
export type ElementType =
  | 'bool'
  | 'int8'
  | 'uint8'
  | 'int16'
  | 'uint16'
  | 'int32'
  | 'uint32'
  | 'int64'
  | 'uint64'
  | 'float16'
  | 'float32'
  | 'float64'
  | 'string';

const ELEMENT_TYPES: readonly ElementType[] = [
  'bool',
  'int8',
  'uint8',
  'int16',
  'uint16',
  'int32',
  'uint32',
  'int64',
  'uint64',
  'float16',
  'float32',
  'float64',
  'string',
];

export function isElementType(t: string): t is ElementType {
  return (ELEMENT_TYPES as readonly string[]).includes(t);
}

/** A dimension of a signature: a number when fixed, a name or null when dynamic. */
export type Dim = number | string | null;

export interface TensorSpec {
  name: string;
  type: ElementType;
  shape: Dim[];
}

export type TensorData =
  | Float32Array
  | Float64Array
  | Int8Array
  | Uint8Array
  | Int16Array
  | Uint16Array
  | Int32Array
  | Uint32Array
  | BigInt64Array
  | BigUint64Array
  | string[];

/** The typed array that holds each non-string element type (float16 and bool as their bits). */
export const ARRAY_OF = {
  bool: Uint8Array,
  int8: Int8Array,
  uint8: Uint8Array,
  int16: Int16Array,
  uint16: Uint16Array,
  int32: Int32Array,
  uint32: Uint32Array,
  int64: BigInt64Array,
  uint64: BigUint64Array,
  float16: Uint16Array,
  float32: Float32Array,
  float64: Float64Array,
} as const;

/** `n` zero elements of `type` (empty strings for string tensors). */
export function zeros(type: ElementType, n: number): TensorData {
  return type === 'string' ? new Array<string>(n).fill('') : new ARRAY_OF[type](n);
}

/** A validated input, ready to become an `ort.Tensor`. */
export interface HostTensor {
  type: ElementType;
  data: TensorData;
  dims: number[];
}

/** Equal shapes; `byRow`: equal but for the first (batch) dimension. */
export function sameDims(a: readonly number[], b: readonly number[], byRow = false): boolean {
  if (a.length !== b.length) return false;
  for (let i = byRow ? 1 : 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
