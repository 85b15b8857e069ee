import type { ApplicationFunction } from 'probot';
import { RunSourceCache } from '../github/cache.js';
import type { BotSettings } from './handlers/context.js';
import { onCheckRunRerequested, onCheckSuiteRerequested } from './handlers/check-run.js';
import { onDeploymentStatus } from './handlers/deploy.js';
import { onIssueComment } from './handlers/issue-comment.js';
import { onPullRequestUpdated } from './handlers/pull-request.js';
import { onWorkflowRunCompleted } from './handlers/workflow-run.js';

/** The cd4ml GitHub App: registers one handler per event, nothing else. */
export function cd4mlApp(given: BotSettings): ApplicationFunction {
  // One cache per loaded app: what GitHub cannot change is asked once per process.
  const settings = { ...given, cache: given.cache ?? new RunSourceCache() };
  return (app) => {
    app.on(
      ['pull_request.opened', 'pull_request.synchronize', 'pull_request.reopened'],
      (context) => onPullRequestUpdated(context, settings),
    );
    app.on('workflow_run.completed', (context) => onWorkflowRunCompleted(context, settings));
    app.on('check_run.rerequested', (context) => onCheckRunRerequested(context, settings));
    app.on('check_suite.rerequested', (context) => onCheckSuiteRerequested(context, settings));
    app.on('issue_comment.created', (context) => onIssueComment(context, settings));
    app.on('deployment_status.created', (context) => onDeploymentStatus(context, settings));
  };
}
