/**
 * A workflow run's record through the REST API: the run's artifacts listed by name (newest
 * unexpired first), then its zip (a redirect to short-lived blob storage; 410 once expired),
 * read by core's safe reader. Part of `./run-source.ts`.
 */
import { Cd4mlError } from '../core/errors.js';
import type { RunRead, SourcedRun } from '../core/gate/port.js';
import type { GitHubClient } from './client.js';
import { httpStatus } from './errors.js';
import type { Repo } from './repo.js';
import { Artifacts, parse } from './schemas.js';

/** Reads a downloaded artifact zip into a run (core's safe reader); `source` names it in errors. */
export type ZipRunReader = (zip: Uint8Array, source: string) => Promise<SourcedRun>;

/** A run's read: the run, or why there is none (`expired`: retention; `none`: never uploaded). */
export type ArtifactRead = RunRead & { expired?: boolean; none?: boolean };

export interface ArtifactReader {
  github: GitHubClient;
  repo: Repo;
  artifactName: string;
  readZip: ZipRunReader;
  /** Zips bigger than this are not downloaded. */
  maxZipBytes: number;
}

/**
 * Run `runId`'s artifact. `strict`: an artifact that cannot be read throws (the head run:
 * the check says why); otherwise it is a `missing` read (a baseline the rule skips).
 */
export async function readRunArtifact(
  reader: ArtifactReader,
  runId: number,
  label: string,
  strict: boolean,
): Promise<ArtifactRead> {
  const { github, repo, artifactName, maxZipBytes: maxZip } = reader;
  const expired = {
    missing: `its \`${artifactName}\` artifact has expired (artifact retention)`,
    expired: true,
  };
  const route = 'GET /repos/{owner}/{repo}/actions/runs/{run_id}/artifacts';
  const listed = await github.request(route, {
    ...repo,
    run_id: runId,
    name: artifactName,
    per_page: 100,
  });
  const named = parse(Artifacts, listed.data, route)
    .artifacts.filter((a) => a.name === artifactName)
    .sort((a, b) => b.id - a.id);
  const artifact = named.find((a) => !a.expired);
  if (!artifact) {
    return named.length > 0
      ? expired
      : { missing: `it uploaded no \`${artifactName}\` artifact`, none: true };
  }
  if (artifact.size_in_bytes > maxZip) {
    return {
      missing: `its \`${artifactName}\` artifact is ${artifact.size_in_bytes} bytes, over the ${maxZip}-byte limit`,
    };
  }
  let bytes: Uint8Array;
  try {
    // GitHub answers with a redirect to a short-lived blob URL; fetch follows it.
    const zip = await github.request(
      'GET /repos/{owner}/{repo}/actions/artifacts/{artifact_id}/{archive_format}',
      { ...repo, artifact_id: artifact.id, archive_format: 'zip' },
    );
    bytes = zip.data instanceof ArrayBuffer ? new Uint8Array(zip.data) : new Uint8Array(0);
  } catch (error) {
    if (httpStatus(error) === 410) return expired;
    throw error;
  }
  if (bytes.byteLength > maxZip) {
    return { missing: `its \`${artifactName}\` artifact is over the ${maxZip}-byte limit` };
  }
  try {
    return { run: await reader.readZip(bytes, `${label} (artifact ${artifactName})`) };
  } catch (error) {
    if (strict || !(error instanceof Cd4mlError)) throw error;
    return {
      missing: `its \`${artifactName}\` artifact could not be read: ${error.message.split('\n')[0]}`,
    };
  }
}
