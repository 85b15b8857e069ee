// esbuild bundles CSS imports into app.css; to TypeScript they are modules with no exports.
declare module '*.css';
