// Run by serving/Dockerfile at build time over the model repository it bakes in (the
// MODELS build argument): an empty repository is fine (mount one at /models), anything else
// must be laid out <name>/<version>/model.onnx with at least one integer version per model.
// Fails the build with what to fix rather than shipping an image that is never ready.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const [root = '/models', arg = 'MODELS'] = process.argv.slice(2);
const MODEL_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/;
const VERSION = /^(0|[1-9]\d{0,15})$/;
const problems = [];
const entries = readdirSync(root, { withFileTypes: true }).filter((e) => !e.name.startsWith('.'));
for (const entry of entries) {
  if (!entry.isDirectory()) continue; // cd4ml-release.json, a README
  if (!MODEL_NAME.test(entry.name)) {
    problems.push(`${entry.name}/: not a model name (letters, digits, _ . -)`);
    continue;
  }
  const dir = join(root, entry.name);
  const versions = readdirSync(dir).filter(
    (v) => VERSION.test(v) && existsSync(join(dir, v, 'model.onnx')),
  );
  if (versions.length === 0)
    problems.push(`${entry.name}/: no version directory <integer>/model.onnx`);
  else
    for (const v of versions)
      if (statSync(join(dir, v, 'model.onnx')).size === 0)
        problems.push(`${entry.name}/${v}/model.onnx is empty`);
}
if (problems.length > 0) {
  process.stderr.write(
    `cd4ml: the model repository given as --build-arg ${arg} is not servable:\n` +
      problems.map((p) => `  - ${p}\n`).join('') +
      `  hint: lay it out as <name>/<version>/model.onnx (version an integer, e.g. models/iris/1/model.onnx), or leave ${arg} unset for an image without models\n`,
  );
  process.exit(1);
}
