/** Owns the knowledge: loads the compiled built-in topics, builds the index, and caches per-document analysis. */
import * as vscode from 'vscode';
import {
  createConceptIndex,
  PACK_FILES,
  readPagesAhead,
  unpackKnowledge,
  type ConceptIndex,
  type DocumentConcepts,
  type Topic,
} from './core';
import { mentionIndex } from './core/mentions';

/** How long after loading the built-in knowledge its pages are read ahead. */
const READ_AHEAD_DELAY_MS = 2000;

export class KnowledgeStore implements vscode.Disposable {
  private builtin: Topic[] = [];
  private disposed = false;
  private mentions: ((topicId: string) => Topic[]) | undefined;
  private currentIndex: ConceptIndex = createConceptIndex([]);
  private readonly documents = new Map<
    string,
    { document: vscode.TextDocument; version: number; languageId: string; concepts: DocumentConcepts }
  >();
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly disposables: vscode.Disposable[] = [this.changed];
  readonly onDidChange = this.changed.event;
  readonly ready: Promise<void>;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly log: (message: string) => void,
  ) {
    this.ready = this.loadBuiltin();
    this.disposables.push(vscode.workspace.onDidCloseTextDocument(doc => this.documents.delete(doc.uri.toString())));
  }

  get index(): ConceptIndex {
    return this.currentIndex;
  }

  get topics(): readonly Topic[] {
    return this.currentIndex.topics;
  }

  get(topicId: string): Topic | undefined {
    return this.currentIndex.get(topicId);
  }

  /** The analysis of a document's current version, reused until the document changes. */
  analyze(document: vscode.TextDocument): DocumentConcepts {
    const key = document.uri.toString();
    const cached = this.documents.get(key);
    // The document itself must match too: a new untitled document can reuse a closed one's URI and version.
    if (
      cached &&
      cached.document === document &&
      cached.version === document.version &&
      cached.languageId === document.languageId
    )
      return cached.concepts;
    const concepts = this.currentIndex.analyze(document.getText(), document.languageId);
    this.documents.set(key, { document, version: document.version, languageId: document.languageId, concepts });
    return concepts;
  }

  /** Replaces the topics in use (the built-in ones, with team topics merged over them). */
  setTopics(topics: Topic[]): void {
    this.currentIndex = createConceptIndex(topics);
    this.documents.clear();
    this.mentions = undefined;
    this.changed.fire();
  }

  /** Topics whose pages link to `topicId` ("Mentioned in"), worked out once per set of topics. */
  mentionsOf(topicId: string): Topic[] {
    return (this.mentions ??= mentionIndex(this.topics))(topicId);
  }

  get builtinTopics(): readonly Topic[] {
    return this.builtin;
  }

  /** Milliseconds spent reading, parsing and indexing the built-in knowledge. */
  readonly loadTimings = { read: 0, parse: 0, index: 0 };

  private async loadBuiltin(): Promise<void> {
    const folder = vscode.Uri.joinPath(this.extensionUri, 'dist', 'knowledge');
    try {
      const t0 = performance.now();
      const [topicsBytes, pageBytes] = await Promise.all([
        readExtensionFile(vscode.Uri.joinPath(folder, PACK_FILES.topics)),
        readExtensionFile(vscode.Uri.joinPath(folder, PACK_FILES.pages)),
      ]);
      const t1 = performance.now();
      const knowledge = unpackKnowledge(new TextDecoder().decode(topicsBytes), pageBytes, reason => {
        this.log(`Could not read some built-in topic pages: ${reason}`);
        return vscode.l10n.t(
          'This topic page could not be read from the installed extension ({0}). Reinstalling the extension should fix it.',
          reason,
        );
      });
      const t2 = performance.now();
      this.builtin = knowledge.topics;
      this.setTopics(knowledge.topics);
      Object.assign(this.loadTimings, { read: t1 - t0, parse: t2 - t1, index: performance.now() - t2 });
      // Not at once: even in short steps, the read-ahead should not compete with the first hovers of someone who just
      // opened a file.
      let delay = READ_AHEAD_DELAY_MS;
      void readPagesAhead(knowledge, async () => {
        await new Promise(resolve => setTimeout(resolve, delay));
        delay = 0;
        return !this.disposed;
      });
    } catch (error) {
      this.log(`Could not load the built-in knowledge from ${folder.toString(true)}: ${String(error)}`);
      throw error;
    }
  }

  dispose(): void {
    this.disposed = true;
    for (const d of this.disposables) d.dispose();
  }
}

/** Extension files are on disk in desktop VS Code but served over http(s) in the web host. */
async function readExtensionFile(uri: vscode.Uri): Promise<Uint8Array> {
  try {
    return await vscode.workspace.fs.readFile(uri);
  } catch (error) {
    if (uri.scheme !== 'http' && uri.scheme !== 'https') throw error;
    const response = await fetch(uri.toString(true));
    if (!response.ok) throw new Error(`HTTP ${response.status} for ${uri.toString(true)}`, { cause: error });
    return new Uint8Array(await response.arrayBuffer());
  }
}
