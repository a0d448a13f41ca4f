/** Typed reads of every kubeConcepts.* setting: a wrong type falls back to the default in SETTINGS. */
import * as vscode from 'vscode';
import { SETTINGS } from './contributions';

export type HoverDetail = (typeof SETTINGS.hoverDetail.values)[number];

export interface KubeConceptsSettings {
  hover: { enabled: boolean; languages: readonly string[]; detail: HoverDetail };
  knowledge: { paths: readonly string[] };
}

/** All settings, as they apply to `scope` (a folder or document URI; resource-scoped settings differ per folder). */
export function readSettings(scope?: vscode.ConfigurationScope): KubeConceptsSettings {
  const config = vscode.workspace.getConfiguration(undefined, scope);
  const detail = config.get<unknown>(SETTINGS.hoverDetail.key);
  return {
    hover: {
      enabled: booleanOr(config.get<unknown>(SETTINGS.hoverEnabled.key), SETTINGS.hoverEnabled.default),
      languages: stringsOr(config.get<unknown>(SETTINGS.hoverLanguages.key), SETTINGS.hoverLanguages.default),
      detail: SETTINGS.hoverDetail.values.find(v => v === detail) ?? SETTINGS.hoverDetail.default,
    },
    knowledge: { paths: stringsOr(config.get<unknown>(SETTINGS.knowledgePaths.key), SETTINGS.knowledgePaths.default) },
  };
}

/** `kubeConcepts.knowledge.paths` of one workspace folder, without blank entries. */
export function knowledgePaths(folder: vscode.ConfigurationScope): string[] {
  return readSettings(folder).knowledge.paths.filter(p => p.trim() !== '');
}

export async function setHoverEnabled(enabled: boolean): Promise<void> {
  await vscode.workspace
    .getConfiguration()
    .update(SETTINGS.hoverEnabled.key, enabled, vscode.ConfigurationTarget.Global);
}

function booleanOr(value: unknown, fallback: boolean): boolean {
  return typeof value === 'boolean' ? value : fallback;
}

function stringsOr(value: unknown, fallback: readonly string[]): readonly string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : fallback;
}
