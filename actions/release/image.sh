#!/usr/bin/env bash
# The release action's image step: build a Dockerfile with buildah for each platform into
# one manifest list, push it under every tag, print its digest. `npm run images` runs this
# same script against a local registry, so CI exercises what a release does.
#
# Environment: IMAGE (name, no tag), TAGS (one per line), CONTEXT, DOCKERFILE (relative to
# CONTEXT), PLATFORMS (comma-separated, default linux/amd64), BUILD_ARGS and LABELS (KEY=VALUE,
# one per line), REGISTRY_USERNAME / REGISTRY_PASSWORD (optional login), PULL (buildah's
# --pull: missing, always, never), TLS_VERIFY (true; false for a plain-HTTP local registry),
# PUSH_ATTEMPTS (3) and PUSH_RETRY_DELAY (5 s, times the attempt) for 5xx and dropped
# connections. Tags are pushed in order (the version, then latest): the first failure stops,
# so a failed push never moves a later tag.
# Outputs (GITHUB_OUTPUT when set, else stdout): digest, ref (IMAGE@digest).
set -euo pipefail

fail() { echo "::error title=cd4ml release image::$1" >&2; exit 1; }
[ -n "${IMAGE:-}" ] || fail "IMAGE is empty: the image name comes from the prepare step (input image or registry)"
[ -n "${TAGS:-}" ] || fail "TAGS is empty: the tags come from the prepare step (from the release tag)"
CONTEXT="${CONTEXT:-.}"
DOCKERFILE="${DOCKERFILE:-serving/Dockerfile}"
PLATFORMS="${PLATFORMS:-linux/amd64}"
[ -f "$CONTEXT/$DOCKERFILE" ] || fail "no Dockerfile at $CONTEXT/$DOCKERFILE"
for tool in buildah skopeo; do
  command -v "$tool" >/dev/null || fail "$tool is not installed (GitHub's ubuntu runners have it; on Debian/Ubuntu: apt-get install $tool)"
done

storage=(--storage-driver vfs)
build=(--isolation chroot --format docker --pull="${PULL:-missing}" -f "$CONTEXT/$DOCKERFILE" --platform "$PLATFORMS")
# BuildKit reads <Dockerfile>.dockerignore by itself; buildah is told.
[ -f "$CONTEXT/$DOCKERFILE.dockerignore" ] && build+=(--ignorefile "$CONTEXT/$DOCKERFILE.dockerignore")
while IFS= read -r arg; do
  [ -n "$arg" ] || continue
  # A models directory that is not in the build context fails here, not deep in a COPY.
  if [[ "$arg" == MODELS=* ]] && [ ! -d "$CONTEXT/${arg#MODELS=}" ]; then
    fail "build argument $arg: $CONTEXT/${arg#MODELS=} is not a directory in the build context (lay the model repository out there, <name>/<version>/model.onnx)"
  fi
  build+=(--build-arg "$arg")
done <<< "${BUILD_ARGS:-}"
while IFS= read -r label; do
  [ -n "$label" ] && build+=(--label "$label")
done <<< "${LABELS:-}"

registry="${IMAGE%%/*}"
tls=(--tls-verify="${TLS_VERIFY:-true}")
if [ -n "${REGISTRY_PASSWORD:-}" ]; then
  printf '%s' "$REGISTRY_PASSWORD" | buildah login "${tls[@]}" --username "${REGISTRY_USERNAME:-token}" --password-stdin "$registry" >/dev/null \
    || fail "logging in to $registry failed: check the token (GHCR needs packages: write)"
fi

list="cd4ml-release-$$"
log="$(mktemp)"
digestfile="$(mktemp)"
trap 'buildah "${storage[@]}" manifest rm "$list" >/dev/null 2>&1 || true; rm -f "$log" "$digestfile" "$log.raw"' EXIT
buildah "${storage[@]}" manifest rm "$list" >/dev/null 2>&1 || true
buildah "${storage[@]}" build "${build[@]}" --manifest "$list" "$CONTEXT"

# Why a push failed, in terms of what to do about it; "transient" ones are retried.
explain() {
  case "$1" in
    *EOF*|*"connection reset"*|*"broken pipe"*|*"connection refused"*|*"closed network connection"*) echo "transient: the connection to $registry dropped during the push";;
    *unauthorized*|*"401 Unauthorized"*|*"authentication required"*) echo "the registry refused the credentials (401): log in with a token that may push $IMAGE (GHCR: permissions: packages: write; elsewhere the registry-username and registry-password inputs)";;
    *denied*|*"403 Forbidden"*) echo "the registry denied the push (403): the token may not write $IMAGE";;
    *" 50"[0-9]" "*|*"Internal Server Error"*|*"Service Unavailable"*|*"Bad Gateway"*) echo "transient: the registry failed (5xx)";;
    *"manifest unknown"*|*"digest differs"*) echo "transient: the registry does not serve what was pushed";;
    *) echo "the push failed";;
  esac
}
attempts="${PUSH_ATTEMPTS:-3}"
delay="${PUSH_RETRY_DELAY:-5}"
# One push of the list under $IMAGE:$1, then read back from the registry: buildah 1.28 can
# exit 0 having pushed nothing (a 401, a 503 or a dropped upload is only a debug line), so
# only a manifest whose sha256 is the pushed digest counts. Prints why it failed.
push_once() {
  : >"$digestfile"
  buildah "${storage[@]}" --log-level debug manifest push "${tls[@]}" --all --format v2s2 \
    --digestfile "$digestfile" "$list" "docker://$IMAGE:$1" >"$log" 2>&1 || true
  local digest back
  digest="$(cat "$digestfile")"
  if back="$(skopeo inspect --raw "${tls[@]}" "docker://$IMAGE:$1" 2>&1 >"$log.raw")"; then
    [ -n "$digest" ] && [ "sha256:$(sha256sum <"$log.raw" | cut -d' ' -f1)" = "$digest" ] && return 0
    back="the registry's $IMAGE:$1 digest differs from the pushed one (${digest:-none})"
  fi
  grep -E 'level=(error|fatal)|msg="Error' "$log" | tail -3 | sed -E 's/\?_state=[^"\\]*//; s/, response http.Response\{Status:\\"([^\\]*)\\".*/: \1/' | cut -c1-300
  echo "$back" | tail -2
  return 1
}
pushed=""
while IFS= read -r tag; do
  [ -n "$tag" ] || continue
  for ((attempt = 1; ; attempt++)); do
    why="$(push_once "$tag")" && break
    reason="$(explain "$why")"
    echo "push of $IMAGE:$tag, attempt $attempt of $attempts: ${reason#transient: }" >&2
    echo "$why" | sed 's/^/  /' >&2
    if [[ "$reason" != transient:* ]] || [ "$attempt" -ge "$attempts" ]; then
      done_tags="${pushed:+; $IMAGE:$(paste -sd, <<<"$pushed_tags") already point at $pushed}"
      fail "pushing $IMAGE:$tag to $registry failed after $attempt attempt(s): ${reason#transient: }. No later tag was moved${done_tags}; re-run the job once the registry accepts pushes"
    fi
    sleep $((delay * attempt))
  done
  digest="$(cat "$digestfile")"
  [ -z "$pushed" ] || [ "$digest" = "$pushed" ] || fail "$IMAGE:$tag got digest $digest, but the first tag got $pushed"
  pushed="$digest"
  pushed_tags="${pushed_tags:+$pushed_tags
}$tag"
  echo "pushed $IMAGE:$tag ($digest)"
done <<< "$TAGS"

outputs="digest=$pushed
ref=$IMAGE@$pushed"
if [ -n "${GITHUB_OUTPUT:-}" ]; then echo "$outputs" >> "$GITHUB_OUTPUT"; else echo "$outputs"; fi
