/**
 * The job summary of a pipeline run: the stages (what ran, what the cache skipped), the
 * metrics and the model, from the run record. Strings from the record are escaped like
 * the report's: a stage name cannot inject markdown into the summary. Pure (a function
 * of the record), so the root action and the compiled workflow's final job write the same
 * summary.
 */
import { formatBytes, formatNumber } from '../compare/format.js';
import { escapeMarkdown } from './escape.js';
import type { RunRecord } from '../run-record/schema.js';

/** A step's summary may hold 1 MiB; the pipeline's part stays far below. */
const MAX_ROWS = 200;

const STATUS_ICON: Record<string, string> = {
  ran: '✅ ran',
  cached: '♻️ cached',
  unchanged: '⏭️ unchanged',
  failed: '❌ failed',
  skipped: '⏸️ skipped',
};

export interface PipelineSummaryOptions {
  /** Link to the workflow run, whose `cd4ml-run` artifact holds the record. */
  runUrl?: string;
}

export function pipelineSummary(record: RunRecord, options: PipelineSummaryOptions = {}): string {
  const lines: string[] = [];
  const stages = Object.entries(record.stages);
  const counts = new Map<string, number>();
  for (const [, stage] of stages) counts.set(stage.status, (counts.get(stage.status) ?? 0) + 1);
  const verdict = record.status === 'success' ? '✅ Pipeline succeeded' : '❌ Pipeline failed';
  lines.push(
    `### ${verdict}`,
    '',
    `${[...counts].map(([status, n]) => `${n} ${status}`).join(', ')} in ${formatNumber(record.timings.durationMs / 1000)} s` +
      (record.git.commit ? ` at \`${record.git.commit.slice(0, 7)}\`` : ''),
    '',
    '| Stage | Status | Why | Attempts | Duration |',
    '| --- | --- | --- | ---: | ---: |',
  );
  for (const [name, stage] of stages.slice(0, MAX_ROWS)) {
    lines.push(
      `| ${escapeMarkdown(name)} | ${STATUS_ICON[stage.status] ?? stage.status} | ${escapeMarkdown(stage.reason ?? '')} | ${stage.attempts} | ${formatNumber(stage.durationMs / 1000)} s |`,
    );
  }
  if (stages.length > MAX_ROWS) lines.push(`| … ${stages.length - MAX_ROWS} more | | | | |`);
  const metrics = Object.entries(record.metrics);
  if (metrics.length > 0) {
    lines.push('', '| Metric | Value |', '| --- | ---: |');
    for (const [name, value] of metrics.slice(0, MAX_ROWS)) {
      lines.push(`| ${escapeMarkdown(name)} | ${formatNumber(value)} |`);
    }
  }
  if (record.model) {
    const latency = record.model.latency
      ? `, p95 ${formatNumber(record.model.latency.p95Ms)} ms`
      : '';
    lines.push(
      '',
      `Model \`${escapeMarkdown(record.model.path)}\`: ${formatBytes(record.model.bytes)}${latency}` +
        (record.champion ? `, champion ${escapeMarkdown(record.champion)}` : ''),
    );
  }
  if (options.runUrl)
    lines.push('', `Run record: artifact \`cd4ml-run\` of [this run](${options.runUrl}).`);
  return `${lines.join('\n')}\n`;
}
