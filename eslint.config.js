// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

/** Module boundaries: core/ is the domain, the rest are adapters that never import each other. */
const gitHubHttpTerminal = [
  '@actions/*',
  '@octokit/*',
  'probot',
  'fastify',
  'http',
  'node:http',
  'https',
  'node:https',
  'commander',
  'log-update',
  'picocolors',
  'node:readline',
  'readline',
  'node:tty',
  'tty',
];
const adapters = ['cli', 'actions', 'bot', 'serving'];

/**
 * `no-restricted-imports` does not look at `import('…')`: this bans dynamic imports of the
 * same modules, by a regex over the string (or template) the import names. esquery regexes
 * cannot hold a slash, hence `\\x2F`.
 * @param {string[]} modules module names; a trailing `/*` stands for the whole scope
 * @param {string} message
 */
function dynamicImportBan(modules, message) {
  const names = modules.map((m) =>
    m.endsWith('/*')
      ? `${m.slice(0, -2).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\x2F.*`
      : m.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
  );
  const regex = `/^(${names.join('|')})$/`;
  return [
    { selector: `ImportExpression[source.value=${regex}]`, message },
    { selector: `ImportExpression[source.quasis.0.value.raw=${regex}]`, message },
  ];
}

/**
 * Dynamic imports of an adapter's folder (`import('../cli/x.js')`), by path segment.
 * @param {string[]} folders
 * @param {string} message
 */
function dynamicFolderBan(folders, message) {
  const regex = `/(^|\\x2F)(${folders.join('|')})(\\x2F|$)/`;
  return [
    { selector: `ImportExpression[source.value=${regex}]`, message },
    { selector: `ImportExpression[source.quasis.0.value.raw=${regex}]`, message },
  ];
}

/** @param {string} self */
function adapterBoundary(self) {
  return {
    files: [`${self}/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: adapters
            .filter((a) => a !== self)
            .map((a) => ({
              group: [`**/${a}/**`, `**/${a}`],
              message: `Adapters never import each other: move shared code from ${a}/ into core/.`,
            })),
        },
      ],
      'no-restricted-syntax': [
        'error',
        ...dynamicFolderBan(
          adapters.filter((a) => a !== self),
          'Adapters never import each other, dynamically either: move shared code into core/.',
        ),
      ],
    },
  };
}

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'examples/**', '**/__fixtures__/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: {
        projectService: {
          allowDefaultProject: ['*.js', 'bin/*.js', 'bench/*/*.mjs', 'scripts/*.mjs'],
        },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/restrict-template-expressions': [
        'error',
        { allowNumber: true, allowBoolean: true },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: gitHubHttpTerminal
            .filter((p) => !p.includes('*'))
            .map((name) => ({
              name,
              message:
                'core/ is the domain: no GitHub, HTTP or terminal code. Put it in an adapter.',
            })),
          patterns: [
            {
              group: gitHubHttpTerminal.filter((p) => p.includes('*')),
              message: 'core/ is the domain: no GitHub code.',
            },
            ...adapters.map((a) => ({
              group: [`**/${a}/**`],
              message: 'core/ never imports an adapter.',
            })),
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        ...dynamicImportBan(
          gitHubHttpTerminal,
          'core/ is the domain: no GitHub, HTTP or terminal code, not even through import(). Put it in an adapter.',
        ),
        ...dynamicFolderBan(adapters, 'core/ never imports an adapter, not even through import().'),
      ],
    },
  },
  ...adapters.map(adapterBoundary),
  {
    files: ['**/*.test.ts', 'bench/**', 'scripts/**'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
);
