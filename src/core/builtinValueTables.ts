/**
 * The built-in value tables. The build compiles knowledge/field-values.yaml and knowledge/well-known-keys.yaml
 * (checked by src/core/valueTables.ts) into every bundle that imports them.
 */
import fieldValues from '../../knowledge/field-values.yaml';
import wellKnownKeys from '../../knowledge/well-known-keys.yaml';
import type { ShippedFieldValues, ShippedWellKnownKey } from './valueTables';

export interface ValueTables {
  fieldValues: readonly ShippedFieldValues[];
  wellKnownKeys: readonly ShippedWellKnownKey[];
}

export const BUILTIN_VALUE_TABLES: ValueTables = { fieldValues, wellKnownKeys };
