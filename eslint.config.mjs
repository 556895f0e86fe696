import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * Which library may import which: domain libraries ← platform ← the contexts ← apps, written once. A library
 * imports only those listed for it (through `#libs/<name>`, never by a relative path into another library);
 * an app imports any library and no other app; the web front end imports none (it speaks HTTP).
 */
const LIBRARY_DEPENDENCIES = {
  contracts: [],
  'event-store': ['contracts'],
  'event-sourcing': ['contracts', 'event-store'],
  projections: ['contracts', 'event-store', 'event-sourcing'],
  // The platform runs the roster on the projection engine; prospecting defines the lead identities as a projection.
  platform: ['contracts', 'event-store', 'event-sourcing', 'projections'],
  messaging: ['contracts', 'event-store', 'event-sourcing', 'platform'],
  prospecting: ['contracts', 'event-store', 'event-sourcing', 'platform', 'projections'],
  'deal-closing': ['contracts', 'event-store', 'event-sourcing', 'platform'],
  'account-management': ['contracts', 'event-store', 'event-sourcing', 'platform'],
  'sales-management': ['contracts', 'event-store', 'event-sourcing', 'platform'],
  'sales-insights': ['contracts', 'event-store', 'event-sourcing', 'platform', 'projections', 'messaging'],
};

function dependencyRules() {
  const libraries = Object.keys(LIBRARY_DEPENDENCIES);
  const restrict = (files, forbidden, why, extraPatterns = []) => ({
    files,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...(forbidden.length > 0 ? [{ regex: `^#libs/(${forbidden.join('|')})(/|$)`, message: why }] : []),
            ...extraPatterns,
          ],
        },
      ],
    },
  });
  // Specs may reach the test support and the simulator's story; production code may not leave its library.
  const relativeEscape = { regex: '^(\\.\\./)+(libs|apps|[a-z-]+/src)/', message: 'import another library through #libs/<name>, not by a relative path' };
  const tests = ['**/*.spec.ts', '**/testing/**/*.ts', '**/conformance/**/*.ts'];
  return [
    ...libraries.flatMap((library) => {
      const forbidden = libraries.filter((other) => other !== library && !LIBRARY_DEPENDENCIES[library].includes(other));
      const why = `libs/${library} may import ${LIBRARY_DEPENDENCIES[library].join(', ') || 'no other library'} (eslint.config.mjs)`;
      return [
        { ...restrict([`libs/${library}/src/**/*.ts`], forbidden, why, [relativeEscape]), ignores: tests.map((glob) => `libs/${library}/src/${glob}`) },
        restrict(tests.map((glob) => `libs/${library}/src/${glob}`), forbidden, why),
      ];
    }),
    restrict(['apps/*/src/**/*.ts'], [], '', [{ ...relativeEscape, message: 'an app imports libraries through #libs/<name> and no other app' }]),
    restrict(['apps/web/**/*.{ts,tsx}'], libraries, 'the web front end speaks HTTP to the API; it imports no library'),
  ];
}

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'data/**', 'bench/results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.object.name=/^(describe|it|test)$/][callee.property.name='skip']", message: 'a skipped test proves nothing' },
      ],
    },
  },
  ...dependencyRules(),
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { module: 'writable', require: 'readonly', __dirname: 'readonly', process: 'readonly', console: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
