import * as vscode from 'vscode';

export const DEFAULT_HOVER_LANGUAGES = ['yaml', 'json', 'jsonc', 'markdown', 'plaintext', 'helm', 'dockerfile'];

export interface HoverSettings {
  enabled: boolean;
  languages: string[];
  detail: 'short' | 'full';
}

export function hoverSettings(): HoverSettings {
  const config = vscode.workspace.getConfiguration('kubeConcepts.hover');
  const languages = config.get<unknown>('languages');
  return {
    enabled: config.get<boolean>('enabled', true),
    languages: Array.isArray(languages)
      ? languages.filter((l): l is string => typeof l === 'string')
      : DEFAULT_HOVER_LANGUAGES,
    detail: config.get<string>('detail') === 'full' ? 'full' : 'short',
  };
}
