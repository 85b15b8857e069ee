import type { ModelConfig } from './config.js';
import type { ModelVersion } from './loader.js';
import type { ShadowOptions } from '../shadow-target.js';

/** A model entry and its versions, as the registry holds them and the status APIs report them. */

/** TF Serving's ModelVersionStatus states. */
export type VersionState = 'START' | 'LOADING' | 'AVAILABLE' | 'UNLOADING' | 'END';

export interface VersionStatus {
  version: number;
  state: VersionState;
  error?: string;
  signature?: string;
  model?: ModelVersion;
}

export interface ModelEntry {
  name: string;
  config: ModelConfig;
  configError?: string;
  /** Where its requests are mirrored (`--shadow` or the config's `shadow:`), if anywhere. */
  shadow?: ShadowOptions;
  versions: Map<number, VersionStatus>;
}
