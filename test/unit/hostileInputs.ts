/** Seeded generators of huge and pathological documents, shared by the adversarial budget tests and the bench. */

/** A small deterministic PRNG (LCG): the same seed gives the same document. */
export function random(seed: number): () => number {
  return () => {
    seed = (seed * 1664525 + 1013904223) >>> 0;
    return seed / 2 ** 32;
  };
}

const WORDS = ['pod', 'container', 'image', 'node', 'memory', 'cpu', 'port', 'volume', 'the', 'a', 'of', 'to', 'and'];

function repeatTo(size: number, piece: (i: number) => string): string {
  const parts: string[] = [];
  let length = 0;
  for (let i = 0; length < size; i++) {
    const p = piece(i);
    parts.push(p);
    length += p.length;
  }
  return parts.join('');
}

/** One Deployment whose pod template has as many containers (env, ports, probes, mounts) as fill `size` chars. */
export function realisticManifest(size: number, seed = 1): string {
  const rnd = random(seed);
  const head = [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    '  name: frontend',
    '  labels:',
    '    app: guestbook',
    'spec:',
    '  replicas: 3',
    '  selector:',
    '    matchLabels:',
    '      app: guestbook',
    '  template:',
    '    metadata:',
    '      labels:',
    '        app: guestbook',
    '    spec:',
    '      containers:',
    '',
  ].join('\n');
  const sentence = () =>
    Array.from({ length: 6 + Math.floor(rnd() * 12) }, () => WORDS[Math.floor(rnd() * 13)]).join(' ');
  return (
    head +
    repeatTo(size - head.length, i =>
      [
        `      - name: app-${i}`,
        `        image: registry.example.com/team/app-${i}:v${i % 7}.${i % 3}`,
        '        imagePullPolicy: IfNotPresent',
        '        ports:',
        `        - containerPort: ${8000 + (i % 1000)}`,
        '          protocol: TCP',
        '        env:',
        ...Array.from({ length: 8 }, (_, k) => `        - name: VAR_${i}_${k}\n          value: "${sentence()}"`),
        '        resources:',
        '          requests:',
        `            cpu: ${100 + (i % 5) * 50}m`,
        `            memory: ${128 + (i % 4) * 64}Mi`,
        '        livenessProbe:',
        '          httpGet:',
        '            path: /healthz',
        `            port: ${8000 + (i % 1000)}`,
        '          initialDelaySeconds: 10',
        '        volumeMounts:',
        `        - name: data-${i}`,
        `          mountPath: /var/lib/app-${i}`,
        '',
      ].join('\n'),
    )
  );
}

/** The realistic manifest with about a third of its lines shifted by one space: an error on most lines. */
export function badlyIndentedManifest(size: number, seed = 2): string {
  const rnd = random(seed);
  return realisticManifest(size, seed)
    .split('\n')
    .map(line => (rnd() < 0.35 ? ' ' + line : line))
    .join('\n');
}

/** Flow collections nested `depth` deep, over and over: `{a: [{a: [ … ]}]}`. */
export function deepFlow(size: number, depth = 60): string {
  return repeatTo(size, i => `k${i}: ${'{a: ['.repeat(depth)}1${']}'.repeat(depth)}\n`);
}

/** Many anchors, aliases and merge keys. */
export function anchorsAndAliases(size: number): string {
  return repeatTo(size, i => `a${i}: &a${i} {x: 1, y: [1, 2, 3]}\nb${i}: *a${i}\nc${i}: {<<: *a${i}, z: 2}\n`);
}

/** An unclosed double quote on every line: a parse error each. */
export function unclosedQuotes(size: number): string {
  return repeatTo(size, i => `k${i}: "pod\n`);
}

/** List items whose indentation alternates between 1 and 3 spaces. */
export function zigzagList(size: number): string {
  return repeatTo(size, i => `${i % 2 ? '   ' : ' '}- k${i}: pod\n`);
}

/** A block scalar of many lines under every key. */
export function longStrings(size: number): string {
  return (
    'apiVersion: v1\nkind: ConfigMap\ndata:\n' +
    repeatTo(size, i => `  f${i}: |\n${'    the pod runs a container on a node\n'.repeat(200)}`)
  );
}

/** Helm templates everywhere, some left open. */
export function helmStorm(size: number): string {
  return repeatTo(size, i =>
    i % 50 === 49
      ? '{{ .Values.open\n'
      : `{{ if .Values.x }}{{ include "a" . }}\n  key${i}: {{ .Values.y | quote }} pod\n{{- end }}\n`,
  );
}

/** Many tiny documents: `---` every other line. */
export function manyDocuments(size: number): string {
  return repeatTo(size, i => `---\nkind: Pod\nmetadata: {name: p${i}}\n`);
}

/** Bytes of every value, as text: control characters, lone surrogates, NULs and the odd Kubernetes word. */
export function binaryish(size: number, seed = 3): string {
  const rnd = random(seed);
  let out = '';
  while (out.length < size) out += rnd() < 0.02 ? ' Pod ' : String.fromCharCode(Math.floor(rnd() * 0xffff));
  return out;
}

/** A log file: timestamps, levels, words, a concept now and then, URLs and e-mail addresses. */
export function logFile(size: number, seed = 4): string {
  const rnd = random(seed);
  const levels = ['INFO', 'WARN', 'DEBUG', 'ERROR'];
  const words = ['request', 'served', 'in', 'ms', 'user', 'session', 'cache', 'miss', 'retry', 'connection', 'closed'];
  return repeatTo(size, i => {
    const text = Array.from({ length: 8 + Math.floor(rnd() * 10) }, () => words[Math.floor(rnd() * words.length)]);
    if (i % 20 === 0) text.push('pod', `web-${i}`, 'restarted by the kubelet');
    if (i % 7 === 0) text.push(`https://api.example.com/v1/items/${i}?q=a-b.c`, `ops-${i}@example.com`);
    return `2024-05-01T12:${String(i % 60).padStart(2, '0')}:00.${i % 1000}Z ${levels[i % 4]} [thread-${i % 8}] ${text.join(' ')}\n`;
  });
}

/** One line of `a-a-a-…` (or another separator), with no line break. */
export function chainLine(size: number, separator = '-'): string {
  return `a${separator}`.repeat(Math.ceil(size / 2)).slice(0, size);
}

/** The text with the character at `at` replaced by `digit`: an edit that keeps the length. */
export function editAt(text: string, at: number, digit: number): string {
  return text.slice(0, at) + String(digit % 10) + text.slice(at + 1);
}
