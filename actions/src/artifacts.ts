/**
 * Where the release action's workflow-run artifacts come from: GitHub's REST API
 * (cross-run downloads need `actions: read`). Baselines come through the shared
 * `github/run-source.ts`.
 */
import { apiError } from '../../github/errors.js';
import type { GitHub } from './github.js';
import type { Repo } from '../../github/repo.js';

/** An artifact's content: the zip GitHub serves, or an unpacked directory. */
export type ArtifactContent = { kind: 'zip'; bytes: Uint8Array } | { kind: 'dir'; path: string };

export interface RunArtifacts {
  /**
   * The artifact `name` of workflow run `runId`; null when the run has none or it expired.
   * `maxBytes` caps the download (the artifact listing says its size before we fetch it).
   */
  download(runId: number, name: string, maxBytes: number): Promise<ArtifactContent | null>;
}

export function restArtifacts(github: GitHub, repo: Repo): RunArtifacts {
  return {
    async download(runId, name, maxBytes) {
      let listing;
      try {
        listing = await github.request(
          'GET /repos/{owner}/{repo}/actions/runs/{run_id}/artifacts',
          {
            ...repo,
            run_id: runId,
            name,
            per_page: 100,
          },
        );
      } catch (error) {
        throw apiError(error, `listing the artifacts of workflow run ${runId}`, 'actions: read');
      }
      const artifact = listing.data.artifacts.find((a) => a.name === name && !a.expired);
      if (!artifact) return null;
      if (artifact.size_in_bytes > maxBytes) {
        throw apiError(
          new Error(
            `artifact ${name} is ${artifact.size_in_bytes} bytes, over the ${maxBytes}-byte cap`,
          ),
          `downloading artifact ${name} of workflow run ${runId}`,
          'actions: read',
        );
      }
      try {
        // GitHub answers with a redirect to a short-lived blob URL; fetch follows it.
        const zip = await github.request(
          'GET /repos/{owner}/{repo}/actions/artifacts/{artifact_id}/{archive_format}',
          { ...repo, artifact_id: artifact.id, archive_format: 'zip' },
        );
        return { kind: 'zip', bytes: new Uint8Array(zip.data as ArrayBuffer) };
      } catch (error) {
        throw apiError(
          error,
          `downloading artifact ${name} of workflow run ${runId}`,
          'actions: read',
        );
      }
    },
  };
}
