// Knowledge files that the build compiles into the bundle that imports them (see esbuild.mjs).
declare module '*/api-lifecycle.yaml' {
  const rows: import('./apiLifecycle').ApiLifecycle[];
  export default rows;
}
declare module '*/field-values.yaml' {
  const entries: import('./valueTables').ShippedFieldValues[];
  export default entries;
}
declare module '*/well-known-keys.yaml' {
  const entries: import('./valueTables').ShippedWellKnownKey[];
  export default entries;
}
