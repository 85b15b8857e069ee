import type { ElementType, TensorSpec } from './tensors.js';

/** KServe V2 datatype names. */
const V2_BY_TYPE: Record<ElementType, string> = {
  bool: 'BOOL',
  int8: 'INT8',
  uint8: 'UINT8',
  int16: 'INT16',
  uint16: 'UINT16',
  int32: 'INT32',
  uint32: 'UINT32',
  int64: 'INT64',
  uint64: 'UINT64',
  float16: 'FP16',
  float32: 'FP32',
  float64: 'FP64',
  string: 'BYTES',
};
const TYPE_BY_V2 = new Map(Object.entries(V2_BY_TYPE).map(([k, v]) => [v, k as ElementType]));

/** A tensor's KServe V2 metadata: name, datatype, and shape with -1 for a dynamic dimension. */
export function v2TensorMeta(s: TensorSpec): { name: string; datatype: string; shape: number[] } {
  return {
    name: s.name,
    datatype: toV2Datatype(s.type),
    shape: s.shape.map((d) => (typeof d === 'number' ? d : -1)),
  };
}

export function toV2Datatype(t: ElementType): string {
  return V2_BY_TYPE[t];
}
export function fromV2Datatype(d: string): ElementType | undefined {
  return TYPE_BY_V2.get(d);
}

/** TensorFlow dtype names, for TF Serving metadata. */
const TF_BY_TYPE: Record<ElementType, string> = {
  bool: 'DT_BOOL',
  int8: 'DT_INT8',
  uint8: 'DT_UINT8',
  int16: 'DT_INT16',
  uint16: 'DT_UINT16',
  int32: 'DT_INT32',
  uint32: 'DT_UINT32',
  int64: 'DT_INT64',
  uint64: 'DT_UINT64',
  float16: 'DT_HALF',
  float32: 'DT_FLOAT',
  float64: 'DT_DOUBLE',
  string: 'DT_STRING',
};
export function toTfDtype(t: ElementType): string {
  return TF_BY_TYPE[t];
}
