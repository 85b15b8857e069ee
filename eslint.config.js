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
