/**
 * The job summary of a pipeline run. The markdown is a pure function of the run record and
 * lives in core/report (run-summary.ts); this module keeps the actions' import path.
 */
export { pipelineSummary } from '../../core/report/index.js';
