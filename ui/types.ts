// The shapes of the data files the UI reads (written by core/ui-data).
export type { FirstPage, RunRow, RunsIndex } from '../core/ui-data/rows.js';
export type { RunDetail, DagNode } from '../core/ui-data/detail.js';
export type { CompareResult } from '../core/ui-data/site.js';
