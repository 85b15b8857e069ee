/**
 * The REST answers the release action reads that the shared layer (github/schemas.ts) has
 * no schema for, parsed with its `parse`: a changed answer is an error naming the call.
 */
import * as z from '../../../core/yaml/zod.js';

/** `GET /repos/{owner}/{repo}/commits/{ref}`: the commit a tag points at. */
export const TagCommit = z.object({ sha: z.string() });

/** A release, as created, updated, found by tag and listed. */
export const Release = z.object({
  id: z.number(),
  tag_name: z.string(),
  draft: z.boolean(),
  html_url: z.string(),
  upload_url: z.string(),
  assets: z.optional(z.array(z.object({ name: z.string() }))),
});
export type Release = z.infer<typeof Release>;

export const Releases = z.array(Release);
