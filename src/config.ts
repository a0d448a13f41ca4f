/** Typed reads of every kubeConcepts.* setting: a wrong type falls back to the default in SETTINGS. */
import * as vscode from 'vscode';
import { SETTINGS } from './contributions';
import { parseTargetVersion, type TargetVersion } from './core/releases';

export type HoverDetail = (typeof SETTINGS.hoverDetail.values)[number];

export interface KubeConceptsSettings {
  hover: { enabled: boolean; languages: readonly string[]; detail: HoverDetail };
  knowledge: { paths: readonly string[] };
  /** The target release, or the newest one with the reason the setting's value was not used. */
  kubernetesVersion: TargetVersion & { value: unknown };
  diagnostics: { enabled: boolean };
}

/** All settings, as they apply to `scope` (a folder or document URI; resource-scoped settings differ per folder). */
export function readSettings(scope?: vscode.ConfigurationScope): KubeConceptsSettings {
  const config = vscode.workspace.getConfiguration(undefined, scope);
  const detail = config.get<unknown>(SETTINGS.hoverDetail.key);
  const version = config.get<unknown>(SETTINGS.kubernetesVersion.key);
  return {
    hover: {
      enabled: booleanOr(config.get<unknown>(SETTINGS.hoverEnabled.key), SETTINGS.hoverEnabled.default),
      languages: stringsOr(config.get<unknown>(SETTINGS.hoverLanguages.key), SETTINGS.hoverLanguages.default),
      detail: SETTINGS.hoverDetail.values.find(v => v === detail) ?? SETTINGS.hoverDetail.default,
    },
    knowledge: { paths: stringsOr(config.get<unknown>(SETTINGS.knowledgePaths.key), SETTINGS.knowledgePaths.default) },
    kubernetesVersion: { ...parseTargetVersion(version), value: version },
    diagnostics: {
      enabled: booleanOr(config.get<unknown>(SETTINGS.diagnosticsEnabled.key), SETTINGS.diagnosticsEnabled.default),
    },
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

/** Writes the target release for a workspace folder when one is given, else for the user. */
export async function setKubernetesVersion(release: string, folder?: vscode.WorkspaceFolder): Promise<void> {
  await vscode.workspace
    .getConfiguration(undefined, folder?.uri)
    .update(
      SETTINGS.kubernetesVersion.key,
      release,
      folder ? vscode.ConfigurationTarget.WorkspaceFolder : vscode.ConfigurationTarget.Global,
    );
}

function booleanOr(value: unknown, fallback: boolean): boolean {
  return typeof value === 'boolean' ? value : fallback;
}

function stringsOr(value: unknown, fallback: readonly string[]): readonly string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : fallback;
}
