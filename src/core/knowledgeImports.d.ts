// Knowledge files that the build compiles into the bundle that imports them (see esbuild.mjs).
declare module '*/api-lifecycle.yaml' {
  const rows: import('./apiLifecycle').ApiLifecycle[];
  export default rows;
}
