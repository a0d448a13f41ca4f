/**
 * The built-in API lifecycle table. The build compiles knowledge/api-lifecycle.yaml (checked by parseApiLifecycle)
 * into every bundle that imports it, so these functions need no loading and answer in unit tests as in the editor.
 */
import rows from '../../knowledge/api-lifecycle.yaml';
import { createApiLifecycleTable, type ApiLifecycle, type LifecycleAtTarget } from './apiLifecycle';

export const BUILTIN_API_LIFECYCLE = createApiLifecycleTable(rows);

/** The lifecycle of a built-in apiVersion/kind, or undefined for one the table does not know (custom resources). */
export function apiLifecycle(apiVersion: string, kind: string): ApiLifecycle | undefined {
  return BUILTIN_API_LIFECYCLE.lookup(apiVersion, kind);
}

/** What a lifecycle means for a cluster of release `target` ("1.37"). Throws when `target` is not a release. */
export function lifecycleAt(entry: ApiLifecycle, target: string): LifecycleAtTarget {
  return BUILTIN_API_LIFECYCLE.at(entry, target);
}
