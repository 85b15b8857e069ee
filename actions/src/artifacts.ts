/**
 * Where the release action's workflow-run artifacts come from: GitHub's REST API
 * (cross-run downloads need `actions: read`). Baselines come through the shared
 * `github/run-source.ts`.
 */
import { Cd4mlError } from '../../core/errors.js';
import { apiError } from '../../github/errors.js';
import type { GitHub } from './github.js';
import type { Repo } from '../../github/repo.js';
import { Artifacts, parse } from '../../github/schemas.js';

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
      const artifact = parse(
        Artifacts,
        listing.data,
        `GET /repos/{owner}/{repo}/actions/runs/${runId}/artifacts`,
      ).artifacts.find((a) => a.name === name && !a.expired);
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
      let zip;
      try {
        // GitHub answers with a redirect to a short-lived blob URL; fetch follows it.
        zip = await github.request(
          'GET /repos/{owner}/{repo}/actions/artifacts/{artifact_id}/{archive_format}',
          { ...repo, artifact_id: artifact.id, archive_format: 'zip' },
        );
      } catch (error) {
        throw apiError(
          error,
          `downloading artifact ${name} of workflow run ${runId}`,
          'actions: read',
        );
      }
      if (zip.data instanceof ArrayBuffer) return { kind: 'zip', bytes: new Uint8Array(zip.data) };
      throw new Cd4mlError(
        'E_IO',
        `GitHub's answer to GET /repos/{owner}/{repo}/actions/artifacts/${artifact.id}/zip is not a zip archive (${typeof zip.data})`,
        { hint: 'a proxy rewriting answers, or a GitHub Enterprise Server too old for this call' },
      );
    },
  };
}
