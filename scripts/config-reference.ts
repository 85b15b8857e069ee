// The configuration reference (docs/configuration.md), generated from the checked-in JSON
// Schemas so the reference cannot drift from what the tool accepts. `npm run schemas`
// writes it next to the schemas; a test fails when the checked-in page is stale.

/** The subset of JSON Schema that our generated schemas use. */
interface JsonSchema {
  type?: string | string[];
  description?: string;
  properties?: Record<string, JsonSchema>;
  additionalProperties?: JsonSchema | boolean;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  pattern?: string;
  propertyNames?: JsonSchema;
}

interface Row {
  path: string;
  types: Set<string>;
  description: string;
  default?: unknown;
}

/** One table row per key path (anyOf branches merged), in the order keys first appear. */
function collect(schema: JsonSchema, path: string, rows: Map<string, Row>, depth = 0): void {
  if (depth > 12) return;
  for (const branch of schema.anyOf ?? []) collect(branch, path, rows, depth + 1);
  for (const [key, child] of Object.entries(schema.properties ?? {})) {
    if (key === '$schema') continue;
    const childPath = path ? `${path}.${key}` : key;
    const row = rows.get(childPath) ?? { path: childPath, types: new Set(), description: '' };
    for (const type of typesOf(child)) row.types.add(type);
    row.description ||= descriptionOf(child);
    if (child.default !== undefined && !isEmptyObject(child.default)) row.default = child.default;
    rows.set(childPath, row);
    // `do:` takes a stage's keys: listed once, under stages.<name>.
    if (key !== 'do') collect(child, childPath, rows, depth + 1);
  }
  if (typeof schema.additionalProperties === 'object') {
    // Out and metrics entries are mappings keyed by a file path; stages by a stage name.
    const name = path.endsWith('[]') ? '<path>' : '<name>';
    collect(schema.additionalProperties, `${path}.${name}`, rows, depth + 1);
  }
  if (schema.items) collect(schema.items, `${path}[]`, rows, depth + 1);
}

function isEmptyObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && Object.keys(value).length === 0;
}

function descriptionOf(schema: JsonSchema): string {
  return (
    schema.description ??
    schema.anyOf?.map((branch) => branch.description).find((d) => d !== undefined) ??
    ''
  );
}

function typesOf(schema: JsonSchema): string[] {
  if (schema.enum) return [schema.enum.map((v) => JSON.stringify(v)).join(' \\| ')];
  if (schema.const !== undefined) return [JSON.stringify(schema.const)];
  if (schema.anyOf) return schema.anyOf.flatMap(typesOf);
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  return types.map((type) => {
    if (type === 'array' && schema.items)
      return `${typesOf(schema.items).join(' \\| ') || 'any'}[]`;
    if (type === 'object' && typeof schema.additionalProperties === 'object') return 'mapping';
    return type;
  });
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n+/g, ' ');
}

function table(schema: JsonSchema): string {
  const rows = new Map<string, Row>();
  collect(schema, '', rows);
  const lines = ['| key | type | default | meaning |', '| --- | --- | --- | --- |'];
  for (const row of rows.values()) {
    const types = [...new Set(row.types)].join(' \\| ') || 'any';
    const def = row.default === undefined ? '' : `\`${cell(JSON.stringify(row.default))}\``;
    lines.push(
      `| \`${row.path}\` | ${types.replace(/\\\|/g, '\\|')} | ${def} | ${cell(row.description)} |`,
    );
  }
  return lines.join('\n');
}

/** The markdown page for the pipeline and policy schemas. */
export function configReference(pipeline: JsonSchema, policy: JsonSchema): string {
  return `<!-- Generated from schemas/*.schema.json by \`npm run schemas\`; do not edit. -->

# Configuration reference

Every key cd4ml reads from the files you write. Unknown keys are errors (with the nearest
valid name suggested), so a typo never silently does nothing. Editors complete both files
from the JSON Schemas in [\`schemas/\`](../schemas): add
\`# yaml-language-server: $schema=…/schemas/cd4ml.schema.json\` at the top of the file.

## \`cd4ml.yaml\` (or \`dvc.yaml\`) — the pipeline

\`<name>\` is a stage name; keys under \`stages.<name>\` also apply inside \`do:\` of a
\`foreach\` stage. See [pipelines.md](pipelines.md) for interpolation, \`foreach\`/\`matrix\`
naming, change detection and the run-cache.

${table(pipeline)}

## \`.github/cd4ml.yml\` — the gate policy, read from the base branch

See [policy.md](policy.md) for how rules are evaluated and [compare.md](compare.md) for
the report.

${table(policy)}
`;
}
