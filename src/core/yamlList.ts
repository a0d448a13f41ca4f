/** The knowledge tables (`knowledge/*.yaml`) are YAML lists: parsed with line numbers, errors reported at their line. */
import { isSeq, LineCounter, parseDocument, type Document, type Node as YamlNode } from 'yaml';

export type ReportProblem = (line: number, message: string, column?: number) => void;

export interface YamlList {
  doc: Document.Parsed;
  items: unknown[];
  /** The 1-based line a node starts on. */
  lineOf(node: unknown): number;
}

/** The list's items, or undefined after reporting invalid YAML or a document that is not a list (`notAList`). */
export function readYamlList(text: string, report: ReportProblem, notAList: string): YamlList | undefined {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const lineOf = (node: unknown) => lineCounter.linePos((node as YamlNode | null)?.range?.[0] ?? 0).line;
  for (const error of doc.errors) {
    const pos = lineCounter.linePos(error.pos[0]);
    report(pos.line, `invalid YAML: ${error.message.split('\n')[0]}`, pos.col);
  }
  if (doc.errors.length > 0 || doc.contents === null) return undefined;
  if (!isSeq(doc.contents)) {
    report(lineOf(doc.contents), notAList);
    return undefined;
  }
  return { doc, items: doc.contents.items, lineOf };
}
