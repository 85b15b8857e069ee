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
/** The shared GitHub layer: imported by the adapters that talk to GitHub, importing only core/. */
const gitHubLayer = 'github';
const gitHubAdapters = ['actions', 'bot'];
/** The runs UI's front end (a browser bundle): nothing imports it, it reads core/ui-data's types. */
const uiFolder = 'ui';

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

/**
 * A relative import of a top-level folder (`../github/x.js`, `../../bot/app.js`); package
 * names (`@actions/github`) are not relative and never match.
 * @param {string} folder
 */
const folderGroup = (folder) => [`./${folder}/**`, `**/../${folder}/**`, `**/../${folder}`];

/**
 * Dynamic imports of a top-level folder by a relative path (`import('../github/x.js')`),
 * so that a package of the same name (`@actions/github`) is not caught.
 * @param {string} folder
 * @param {string} message
 */
function dynamicRelativeBan(folder, message) {
  const regex = `/^\\.\\.?\\x2F(.*\\x2F)?${folder}(\\x2F|$)/`;
  return [
    { selector: `ImportExpression[source.value=${regex}]`, message },
    { selector: `ImportExpression[source.quasis.0.value.raw=${regex}]`, message },
  ];
}

const uiMessage = `Nothing imports the runs UI (${uiFolder}/): it is a browser bundle; share data through core/ui-data/.`;

/** @param {string} self */
function adapterBoundary(self) {
  const shared = gitHubAdapters.includes(self) ? [] : [gitHubLayer];
  return {
    files: [`${self}/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...adapters
              .filter((a) => a !== self)
              .map((a) => ({
                group: [`**/${a}/**`, `**/${a}`],
                message: `Adapters never import each other: move shared code from ${a}/ into core/.`,
              })),
            ...shared.map((folder) => ({
              group: folderGroup(folder),
              message: `Only ${gitHubAdapters.join(' and ')} use the shared GitHub layer (${folder}/).`,
            })),
            { group: folderGroup(uiFolder), message: uiMessage },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        ...dynamicFolderBan(
          adapters.filter((a) => a !== self),
          'Adapters never import each other, dynamically either: move shared code into core/.',
        ),
        ...(shared.length
          ? dynamicRelativeBan(
              gitHubLayer,
              `Only ${gitHubAdapters.join(' and ')} use the shared GitHub layer, dynamically either.`,
            )
          : []),
        ...dynamicRelativeBan(uiFolder, uiMessage),
      ],
    },
  };
}

/** The shared GitHub layer imports core/ and libraries, never an adapter. */
const gitHubLayerBoundary = {
  files: [`${gitHubLayer}/**/*.ts`],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          ...adapters.map((a) => ({
            group: [`**/${a}/**`, `**/${a}`],
            message: `The shared GitHub layer (${gitHubLayer}/) imports only core/: move what it needs from ${a}/ into core/ or ${gitHubLayer}/.`,
          })),
          { group: folderGroup(uiFolder), message: uiMessage },
        ],
      },
    ],
    'no-restricted-syntax': [
      'error',
      ...dynamicFolderBan(
        adapters,
        `The shared GitHub layer (${gitHubLayer}/) imports only core/, dynamically either.`,
      ),
      ...dynamicRelativeBan(uiFolder, uiMessage),
    ],
  },
};

/**
 * The runs UI runs in the browser: libraries (uPlot) and its own files, and from core/ only
 * the types of the data files core/ui-data/ writes, plus core/compare/format.js (pure, import-free
 * number formatting). No Node built-ins, no adapter.
 */
const uiBoundary = {
  files: [`${uiFolder}/**/*.ts`],
  rules: {
    '@typescript-eslint/no-restricted-imports': [
      'error',
      {
        patterns: [
          {
            regex: '^(\\.\\./)+core/(?!ui-data/|compare/format\\.js$)',
            message: `${uiFolder}/ reads core/ only through core/ui-data/'s types and core/compare/format.js (pure number formatting, so a duration reads the same in the UI, the report and the terminal).`,
          },
          {
            group: ['**/../core/ui-data/**'],
            allowTypeImports: true,
            message: `${uiFolder}/ imports core/ui-data/ as types only (\`import type\`): the data comes as files.`,
          },
          {
            group: [...adapters, gitHubLayer, 'bin'].flatMap((folder) => [`**/../${folder}/**`]),
            message: `${uiFolder}/ is a browser bundle: it imports no adapter, github/ or bin/.`,
          },
          { group: ['node:*'], message: `${uiFolder}/ runs in the browser: no Node built-ins.` },
        ],
      },
    ],
    'no-restricted-syntax': [
      'error',
      {
        selector: 'ImportExpression[source.value=/^\\.\\.\\x2F/]',
        message: `${uiFolder}/ loads only its own files through import().`,
      },
    ],
  },
};

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
  // The runs UI (cd4ml ui) runs in the browser.
  { files: ['ui/**/*.ts'], languageOptions: { globals: { ...globals.browser } } },
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
            {
              group: folderGroup(gitHubLayer),
              message: `core/ never imports the GitHub layer (${gitHubLayer}/).`,
            },
            { group: folderGroup(uiFolder), message: uiMessage },
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
        ...dynamicRelativeBan(
          gitHubLayer,
          `core/ never imports the GitHub layer (${gitHubLayer}/), not even through import().`,
        ),
        ...dynamicRelativeBan(uiFolder, uiMessage),
      ],
    },
  },
  ...adapters.map(adapterBoundary),
  gitHubLayerBoundary,
  uiBoundary,
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
