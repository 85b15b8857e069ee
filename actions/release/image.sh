#!/usr/bin/env bash
# The release action's image step: build a Dockerfile with buildah for each platform into
# one manifest list, push it under every tag, print its digest. `npm run images` runs this
# same script against a local registry, so CI exercises what a release does.
#
# Environment: IMAGE (name, no tag), TAGS (one per line), CONTEXT, DOCKERFILE (relative to
# CONTEXT), PLATFORMS (comma-separated, default linux/amd64), BUILD_ARGS and LABELS (KEY=VALUE,
# one per line), REGISTRY_USERNAME / REGISTRY_PASSWORD (optional login), PULL (buildah's
# --pull: missing, always, never), TLS_VERIFY (true; false for a plain-HTTP local registry).
# Outputs (GITHUB_OUTPUT when set, else stdout): digest, ref (IMAGE@digest).
set -euo pipefail

fail() { echo "::error title=cd4ml release image::$1" >&2; exit 1; }
[ -n "${IMAGE:-}" ] || fail "IMAGE is empty: the image name comes from the prepare step (input image or registry)"
[ -n "${TAGS:-}" ] || fail "TAGS is empty: the tags come from the prepare step (from the release tag)"
CONTEXT="${CONTEXT:-.}"
DOCKERFILE="${DOCKERFILE:-serving/Dockerfile}"
PLATFORMS="${PLATFORMS:-linux/amd64}"
[ -f "$CONTEXT/$DOCKERFILE" ] || fail "no Dockerfile at $CONTEXT/$DOCKERFILE"
command -v buildah >/dev/null || fail "buildah is not installed (GitHub's ubuntu runners have it; on Debian/Ubuntu: apt-get install buildah)"

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
buildah "${storage[@]}" manifest rm "$list" >/dev/null 2>&1 || true
trap 'buildah "${storage[@]}" manifest rm "$list" >/dev/null 2>&1 || true' EXIT
buildah "${storage[@]}" build "${build[@]}" --manifest "$list" "$CONTEXT"

# Why a push failed, in terms of what to do about it.
explain() {
  case "$1" in
    *unauthorized*|*401*|*authentication\ required*) echo "the registry refused the credentials (401): log in with a token that may push $IMAGE (GHCR: packages: write)";;
    *denied*|*403*) echo "the registry denied the push (403): the token may not write $IMAGE";;
    *50[0-9]*|*"Internal Server Error"*|*"Service Unavailable"*|*"Bad Gateway"*) echo "the registry failed (5xx): retry the job; nothing was tagged";;
    *EOF*|*"connection reset"*|*"broken pipe"*|*"connection refused"*) echo "the connection to $registry dropped during the push: retry the job; nothing was tagged";;
    *) echo "the push failed";;
  esac
}
digestfile="$(mktemp)"
first=1
while IFS= read -r tag; do
  [ -n "$tag" ] || continue
  if ! out="$(buildah "${storage[@]}" manifest push "${tls[@]}" --all --format v2s2 --digestfile "$digestfile" "$list" "docker://$IMAGE:$tag" 2>&1)"; then
    echo "$out" >&2
    fail "pushing $IMAGE:$tag: $(explain "$out")"
  fi
  digest="$(cat "$digestfile")"
  if [ "$first" = 1 ]; then pushed="$digest"; first=0; fi
  [ "$digest" = "$pushed" ] || fail "$IMAGE:$tag got digest $digest, but the first tag got $pushed"
  echo "pushed $IMAGE:$tag ($digest)"
done <<< "$TAGS"
rm -f "$digestfile"

outputs="digest=$pushed
ref=$IMAGE@$pushed"
if [ -n "${GITHUB_OUTPUT:-}" ]; then echo "$outputs" >> "$GITHUB_OUTPUT"; else echo "$outputs"; fi
