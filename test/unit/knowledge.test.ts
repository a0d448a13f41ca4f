// Quality checks of the real knowledge base: knowledge/ compiled as the build compiles it, plus the
// copy of the notes inventory and notes file list in knowledge/ (test/tools/notes-inventory.ts refreshes them). Each check is a function that lists every offending
// topic with its reason; the first suite runs them on the real data, the second proves each one can fail.
import * as assert from 'assert';
import { createConceptIndex } from '../../src/core/index';
import { CATEGORIES, type MarkdownTopic } from '../../src/core/model';
import { nameKey } from '../../src/core/names';
import { compareReleases, NEWEST_RELEASE } from '../../src/core/releases';
import { topicsNamed } from '../../src/core/lookup';
import {
  bodyWordCount,
  glossaryCoverage,
  glossaryNames,
  inventoryCoverage,
  loadGlossary,
  MIN_GLOSSARY_COVERAGE,
  type GlossaryEntry,
  loadExclusions,
  loadInventory,
  loadNotesFiles,
  loadTopics,
  minWords,
  namesByLowerCase,
  repoRootFrom,
  sourceCategory,
  type Exclusion,
  type InventoryTerm,
} from '../tools/knowledge-report';
import { topic } from './fixtures';

const MAX_SUMMARY_CHARS = 240;
const MAX_SUMMARY_SENTENCES = 2;
const MIN_RELATED = 2;
const MIN_TOPICS = 250;

/** Categories whose topics are mostly Kubernetes itself: their first link must be a kubernetes.io page. */
const KUBERNETES_OWNED_CATEGORIES = new Set([
  'cluster',
  'control-plane',
  'worker-node',
  'workloads',
  'networking',
  'storage',
  'configuration',
  'security',
  'scheduling',
]);

/**
 * Topics in those categories that are not Kubernetes: another project, product, standard or OS feature. Their first
 * link is that thing's own official page (knowledge/README.md: "the project's own site for other projects").
 */
const THIRD_PARTY: Readonly<Record<string, string>> = {
  // Standards, protocols, algorithms and formats that Kubernetes uses but does not own.
  yaml: 'YAML is a data format with its own specification (yaml.org)',
  base64: 'Base64 is an IETF encoding (RFC 4648)',
  'raft-consensus-algorithm': 'Raft is a published consensus algorithm (raft.github.io), used by etcd',
  bgp: 'BGP is an IETF routing protocol; the topic is about how Calico speaks it',
  grpc: 'gRPC is a CNCF RPC framework with its own site',
  'service-mesh':
    'a service mesh is an architecture implemented by third-party projects (Istio, Linkerd); kubernetes.io has no page on it',
  // Linux kernel and OS features and tools.
  ebpf: 'eBPF is a Linux kernel technology (ebpf.io)',
  iptables: 'iptables is the Linux netfilter project',
  'network-namespace': 'network namespaces are a Linux kernel feature (man7.org man page)',
  macvlan: "macvlan is a Linux interface type, used through the CNI project's plugin",
  apparmor: 'AppArmor is a Linux security module with its own project',
  selinux: 'SELinux is a Linux security module with its own project',
  systemd: 'systemd is the Linux init system with its own site',
  openssl: 'OpenSSL is an independent TLS toolkit',
  // Separate projects (CNCF or other), not part of the Kubernetes project.
  etcd: 'etcd is its own CNCF project (etcd-io) with its own docs at etcd.io',
  coredns: 'CoreDNS is its own CNCF project (coredns.io)',
  'container-network-interface': 'CNI is its own CNCF project (containernetworking, cni.dev)',
  'bridge-cni-plugin': 'a plugin of the CNI project (cni.dev)',
  calico: 'Calico is a Tigera project',
  'calico-ippool': 'a Calico resource, documented by Tigera',
  cilium: 'Cilium is its own CNCF project',
  flannel: 'Flannel is its own project (flannel-io)',
  'weave-net': 'Weave Net is a Weaveworks project (archived)',
  metallb: 'MetalLB is its own project',
  haproxy: 'HAProxy is an independent load balancer',
  traefik: 'Traefik is a Traefik Labs project',
  'cert-manager': 'cert-manager is its own CNCF project',
  'hashicorp-vault': 'Vault is a HashiCorp product',
  'k3s-yaml': 'k3s.yaml is a file of K3s, a CNCF distribution documented at docs.k3s.io',
  servicelb: 'ServiceLB is a K3s component, documented at docs.k3s.io',
  'local-path-provisioner': 'a Rancher project (github.com/rancher)',
  ceph: 'Ceph is its own storage project',
  rook: 'Rook is its own CNCF project',
  glusterfs: 'GlusterFS is its own storage project',
  openebs: 'OpenEBS is its own CNCF project',
  'openstack-cinder': 'Cinder is an OpenStack service',
  // Cloud provider products: the provider's page is the official one.
  'amazon-ebs': 'an AWS product',
  'amazon-efs': 'an AWS product',
  'azure-disk': 'a Microsoft Azure product',
  'azure-files': 'a Microsoft Azure product',
  'google-persistent-disk': 'a Google Cloud product',
};

/**
 * Kubernetes-owned subprojects (kubernetes, kubernetes-sigs and kubernetes-csi organisations) that publish their own
 * documentation outside kubernetes.io. Their first link must still be on a Kubernetes-owned host.
 */
const KUBERNETES_SUBPROJECTS: Readonly<Record<string, string>> = {
  'gateway-api': 'SIG Network subproject, documented at gateway-api.sigs.k8s.io',
  'ingress-nginx': 'kubernetes/ingress-nginx, documented at kubernetes.github.io/ingress-nginx',
  'rewrite-target-annotation': 'an ingress-nginx annotation, documented at kubernetes.github.io/ingress-nginx',
  'cluster-autoscaler': 'kubernetes/autoscaler subproject, documented in its repository',
  'vertical-pod-autoscaler': 'kubernetes/autoscaler subproject, documented in its repository',
  'minikube-storage-provisioner': 'part of minikube (SIG Cluster Lifecycle), documented at minikube.sigs.k8s.io',
  'nfs-csi-driver': 'kubernetes-csi/csi-driver-nfs, documented in its repository',
  'nfs-subdir-external-provisioner': 'kubernetes-sigs/nfs-subdir-external-provisioner, documented in its repository',
};

function isKubernetesOwnedUrl(url: URL): boolean {
  const host = url.hostname.toLowerCase();
  if (host === 'kubernetes.io' || host === 'k8s.io' || host.endsWith('.k8s.io') || host === 'kubernetes.github.io')
    return true;
  return host === 'github.com' && /^\/(kubernetes|kubernetes-sigs|kubernetes-csi)\//i.test(url.pathname);
}

// ---------------------------------------------------------------------------------------------------------------
// The checks: each returns one line per problem, "<topic id>: <reason>".

/** Sentences of a summary: split after . ! or ? followed by white space, except after e.g., i.e., vs. and the like. */
function sentences(text: string): string[] {
  const protectedText = text
    .trim()
    .replace(/\b(e\.g|i\.e|vs|cf|approx|incl|a\.k\.a)\./gi, m => m.replace(/\./g, '\u2024'));
  return protectedText === '' ? [] : protectedText.split(/(?<=[.!?])["'”’)\]]*\s+(?=\S)/);
}

function checkSummaries(topics: readonly MarkdownTopic[]): string[] {
  const problems: string[] = [];
  for (const t of topics) {
    const summary = (t.summary ?? '').replace(/\s+/g, ' ').trim();
    if (summary === '') {
      problems.push(`${t.id}: summary is missing`);
      continue;
    }
    if (summary.length > MAX_SUMMARY_CHARS)
      problems.push(`${t.id}: summary is ${summary.length} characters (at most ${MAX_SUMMARY_CHARS})`);
    const n = sentences(summary).length;
    if (n > MAX_SUMMARY_SENTENCES)
      problems.push(`${t.id}: summary has ${n} sentences (at most ${MAX_SUMMARY_SENTENCES})`);
  }
  return problems;
}

function checkBodies(topics: readonly MarkdownTopic[]): string[] {
  return topics.flatMap(t => {
    const words = bodyWordCount(t.body);
    const min = minWords(t);
    return words < min
      ? [
          `${t.id}: body has ${words} words outside code blocks; a ${t.primary !== false ? 'primary' : 'brief'} topic needs ${min}`,
        ]
      : [];
  });
}

function checkRelatedCount(topics: readonly MarkdownTopic[]): string[] {
  return topics.flatMap(t => {
    const distinct = new Set(t.related.filter(r => r !== t.id));
    return distinct.size < MIN_RELATED ? [`${t.id}: ${distinct.size} related topic(s); at least ${MIN_RELATED}`] : [];
  });
}

/** `](topic:id)`, `](topic:id "title")`, `<topic:id>` and reference definitions `[x]: topic:id`. */
const TOPIC_LINK = /\]\(\s*<?topic:([^)\s>"']*)|<topic:([^>\s]*)>|^\s*\[[^\]]+\]:\s*<?topic:([^>\s]*)/gm;

function checkReferences(topics: readonly MarkdownTopic[]): string[] {
  const ids = new Set(topics.map(t => t.id));
  const problems: string[] = [];
  for (const t of topics) {
    for (const r of t.related) if (!ids.has(r)) problems.push(`${t.id}: related id "${r}" is not a topic`);
    for (const m of t.body.matchAll(TOPIC_LINK)) {
      const target = m[1] ?? m[2] ?? m[3];
      if (!ids.has(target)) problems.push(`${t.id}: body links to "topic:${target}", which is not a topic`);
    }
  }
  return problems;
}

/**
 * Every title and alias that the matcher can find at all (`nameKey`) is looked up as running text, hovered on its first
 * word (offset 0 unless the name starts with punctuation, like `/etc/kubernetes/pki`). An ambiguous name is looked up
 * with the topic's context words after it; a comma keeps those words from joining the name into a longer one
 * (`Helm` + `chart` would otherwise be the name `Helm chart`, another topic).
 */
function checkNamesResolve(topics: readonly MarkdownTopic[]): string[] {
  const index = createConceptIndex(topics);
  const problems: string[] = [];
  const describe = (hit: ReturnType<typeof index.conceptAt>, text: string) =>
    !hit
      ? 'nothing'
      : `"${hit.topicId}" (on "${text.slice(hit.start, hit.end)}"${hit.alternatives?.length ? `, alternatives: ${hit.alternatives.join(', ')}` : ''})`;
  for (const t of topics) {
    for (const name of new Set([t.title, ...t.aliases])) {
      if (!nameKey(name)) continue; // the matcher cannot find this name in running text (e.g. `kind: Pod`, `--namespace`)
      const offset = Math.max(0, name.search(/[\p{L}\p{N}]/u));
      if (t.ambiguous.includes(name)) {
        const text = `${name}, ${t.context.join(' ')}`;
        const hit = index.conceptAt(text, offset, 'plaintext');
        if (!hit || (hit.topicId !== t.id && !hit.alternatives?.includes(t.id))) {
          problems.push(
            `${t.id}: ambiguous name "${name}" with its context words ("${text}") resolves to ${describe(hit, text)}, not to this topic`,
          );
        }
      } else {
        const hit = index.conceptAt(name, offset, 'plaintext');
        if (!hit || hit.topicId !== t.id)
          problems.push(`${t.id}: name "${name}" resolves to ${describe(hit, name)}, not to this topic`);
      }
    }
  }
  return problems;
}

const HOST_NAME = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;

function checkLinks(topics: readonly MarkdownTopic[]): string[] {
  const problems: string[] = [];
  for (const t of topics) {
    if (t.links.length === 0) problems.push(`${t.id}: no links`);
    t.links.forEach((link, i) => {
      const where = `${t.id}: link ${i + 1} (${JSON.stringify(link.url)})`;
      if (!link.title || !link.title.trim()) problems.push(`${where} has no title`);
      if (typeof link.url !== 'string' || /\s/.test(link.url)) {
        problems.push(`${where} is malformed: contains white space`);
        return;
      }
      let url: URL;
      try {
        url = new URL(link.url);
      } catch {
        problems.push(`${where} is malformed: not a URL`);
        return;
      }
      if (url.protocol !== 'https:') problems.push(`${where} is not https`);
      else if (!HOST_NAME.test(url.hostname))
        problems.push(`${where} is malformed: host "${url.hostname}" is not a domain name`);
      else if (url.username || url.password) problems.push(`${where} is malformed: contains credentials`);
    });
  }
  return problems;
}

function checkOfficialFirstLink(topics: readonly MarkdownTopic[]): string[] {
  const problems: string[] = [];
  const byId = new Map(topics.map(t => [t.id, t] as const));
  for (const t of topics) {
    if (!KUBERNETES_OWNED_CATEGORIES.has(sourceCategory(t)) || THIRD_PARTY[t.id]) continue;
    let url: URL;
    try {
      url = new URL(t.links[0]?.url ?? '');
    } catch {
      problems.push(`${t.id}: has no valid first link`);
      continue;
    }
    if (KUBERNETES_SUBPROJECTS[t.id]) {
      if (!isKubernetesOwnedUrl(url))
        problems.push(
          `${t.id}: first link ${url.href} is not a Kubernetes-owned page (a Kubernetes subproject: ${KUBERNETES_SUBPROJECTS[t.id]})`,
        );
    } else if (url.hostname !== 'kubernetes.io') {
      problems.push(
        `${t.id}: "${t.title}" (${sourceCategory(t)}) links ${url.hostname} first, not kubernetes.io; ` +
          'link the kubernetes.io page first, or add the topic to THIRD_PARTY / KUBERNETES_SUBPROJECTS in this test with the reason',
      );
    }
  }
  // The allow-lists stay honest: every entry is a topic of those categories that really needs the exception.
  for (const [list, entries] of [
    ['THIRD_PARTY', THIRD_PARTY],
    ['KUBERNETES_SUBPROJECTS', KUBERNETES_SUBPROJECTS],
  ] as const) {
    for (const id of Object.keys(entries)) {
      const t = byId.get(id);
      if (!t) problems.push(`${id}: listed in ${list} but is not a topic`);
      else if (!KUBERNETES_OWNED_CATEGORIES.has(sourceCategory(t)))
        problems.push(`${id}: listed in ${list} but its category ${sourceCategory(t)} needs no exception`);
      else if (safeHost(t.links[0]?.url) === 'kubernetes.io')
        problems.push(`${id}: listed in ${list} but already links kubernetes.io first; drop the entry`);
    }
  }
  return problems;
}

function safeHost(url: string | undefined): string | undefined {
  try {
    return new URL(url ?? '').hostname;
  } catch {
    return undefined;
  }
}

/** The same rule as the build (src/core/compile.ts): a shared name must be ambiguous in both topics, unless exact case sets them apart. */
function checkDuplicateNames(topics: readonly MarkdownTopic[]): string[] {
  const owners = new Map<string, Array<{ id: string; name: string; ambiguous: boolean; exact?: string }>>();
  const problems: string[] = [];
  for (const t of topics) {
    for (const name of new Set([t.title, ...t.aliases])) {
      const key = nameKey(name);
      const folded = key?.folded ?? name.toLowerCase();
      const exact = t.exactCase.includes(name) ? (key?.exact ?? name) : undefined;
      const ambiguous = t.ambiguous.includes(name);
      const list = owners.get(folded) ?? [];
      for (const o of list) {
        if (o.id !== t.id && o.exact === exact && !(o.ambiguous && ambiguous)) {
          problems.push(
            `${t.id}: name "${name}" is also the name "${o.name}" of topic "${o.id}" and is not marked ambiguous in both`,
          );
        }
      }
      list.push({ id: t.id, name, ambiguous, exact });
      owners.set(folded, list);
    }
  }
  return problems;
}

function checkInventoryCovered(
  topics: readonly MarkdownTopic[],
  inventory: readonly InventoryTerm[],
  exclusions: readonly Exclusion[],
): string[] {
  return inventoryCoverage(topics, inventory, exclusions).missing.map(
    m =>
      `"${m.term}" (${m.category}; in ${m.nFiles} notes file(s)): no topic has it as title or alias, and knowledge/exclusions.tsv does not list it`,
  );
}

function checkExclusions(
  exclusions: readonly Exclusion[],
  inventory: readonly InventoryTerm[],
  topics: readonly MarkdownTopic[],
): string[] {
  const terms = new Set(inventory.map(t => t.term.toLowerCase()));
  const names = namesByLowerCase(topics);
  const seen = new Map<string, number>();
  const problems: string[] = [];
  for (const e of exclusions) {
    const where = `exclusions.tsv:${e.line} "${e.term}"`;
    const key = e.term.toLowerCase();
    if (e.term === '') problems.push(`${where}: no term`);
    if (e.reason === '') problems.push(`${where}: no reason`);
    if (e.term !== '' && !terms.has(key)) problems.push(`${where}: not a term of the notes inventory`);
    if (names.has(key))
      problems.push(
        `${where}: excluded, yet topic "${names.get(key)!.join('", "')}" has it as a name; drop the exclusion`,
      );
    if (seen.has(key)) problems.push(`${where}: listed twice (also line ${seen.get(key)})`);
    else seen.set(key, e.line);
  }
  return problems;
}

function checkSize(topics: readonly MarkdownTopic[]): string[] {
  const problems: string[] = [];
  if (topics.length < MIN_TOPICS) problems.push(`only ${topics.length} topics; at least ${MIN_TOPICS}`);
  for (const c of CATEGORIES) {
    if (!topics.some(t => t.category === c.id)) problems.push(`category "${c.id}" (${c.title}) has no topics`);
  }
  return problems;
}

/** `notesFiles`: the path of every file in the notes, relative to their root (knowledge/notes-files.txt). */
function checkNotes(topics: readonly MarkdownTopic[], notesFiles: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  for (const t of topics) {
    for (const path of t.notes) {
      if (!notesFiles.has(path)) problems.push(`${t.id}: notes path "${path}" is not a file of the notes`);
    }
  }
  return problems;
}

/**
 * Phrasings that name a Kubernetes release: `Kubernetes 1.33`, `v1.33`, `in 1.33`, `since 1.33`, `kubeadm 1.29`,
 * `1.33 release`. A bare `1.7` (containerd 1.7, Go 1.22, Helm 3.14) after another product's name is not one.
 */
const RELEASE_MENTION = new RegExp(
  [
    String.raw`\b(?:Kubernetes|K8s|kubeadm|kubectl|kubelet|kube-apiserver)(?: versions?| releases?)? v?1\.(\d{2})\b`,
    String.raw`\bv1\.(\d{2})\b`,
    String.raw`\b(?:in|since|from|until|before|after|by|through|to|and|or|than|with|of) 1\.(\d{2})\b(?!\.\d|%)`,
    String.raw`\b1\.(\d{2})(?:\.\d+)?(?: release|\+)`,
  ].join('|'),
  'gi',
);

/** Every Kubernetes release a text names, as "1.33", in order. */
function releaseMentions(text: string): string[] {
  return [...text.matchAll(RELEASE_MENTION)].map(m => `1.${Number(m.slice(1).find(g => g !== undefined))}`);
}

/** Topics that name a release newer than `newest`, in their text or their stages. */
function checkReleaseNumbers(topics: readonly MarkdownTopic[], newest: string): string[] {
  const problems: string[] = [];
  for (const t of topics) {
    const texts = [t.title, ...t.aliases, t.summary, ...t.links.map(l => l.title), t.body];
    const mentioned = [...texts.flatMap(releaseMentions), ...(t.stages ?? []).map(s => s.since)];
    for (const release of new Set(mentioned))
      if (compareReleases(release, newest) > 0)
        problems.push(`${t.id}: names Kubernetes ${release}, newer than ${newest}, the newest release it describes`);
  }
  return problems;
}

function expectNone(problems: readonly string[], what: string): void {
  if (problems.length > 0) assert.fail(`${problems.length} ${what}:\n    ${problems.join('\n    ')}`);
}

// ---------------------------------------------------------------------------------------------------------------

const root = repoRootFrom(__dirname);

suite('Knowledge base quality (knowledge/)', () => {
  let topics: MarkdownTopic[] = [];
  suiteSetup(() => {
    topics = loadTopics(root);
  });

  test(`at least ${MIN_TOPICS} topics, and every category has some`, () => {
    expectNone(checkSize(topics), 'size problem(s)');
  });

  test(`summaries: present, at most ${MAX_SUMMARY_CHARS} characters and ${MAX_SUMMARY_SENTENCES} sentences`, () => {
    expectNone(checkSummaries(topics), 'summary problem(s)');
  });

  test('bodies: at least 80 words (primary) or 40 (brief) outside fenced code', () => {
    expectNone(checkBodies(topics), 'topic(s) with a thin body');
  });

  test(`every topic has at least ${MIN_RELATED} related topics`, () => {
    expectNone(checkRelatedCount(topics), 'topic(s) with too few related topics');
  });

  test('related ids and topic: links in bodies resolve', () => {
    expectNone(checkReferences(topics), 'broken reference(s)');
  });

  test('every title and alias resolves back to its topic through the matcher', () => {
    expectNone(checkNamesResolve(topics), 'name(s) that do not resolve to their topic');
  });

  test('links are well-formed https URLs', () => {
    expectNone(checkLinks(topics), 'bad link(s)');
  });

  test('Kubernetes-owned topics link kubernetes.io first (third-party projects excepted)', () => {
    expectNone(checkOfficialFirstLink(topics), 'first-link problem(s)');
  });

  test('no name is shared by two topics unless both mark it ambiguous', () => {
    expectNone(checkDuplicateNames(topics), 'duplicate name(s)');
  });

  test('every term of the notes inventory is a topic name or excluded', () => {
    expectNone(
      checkInventoryCovered(topics, loadInventory(root), loadExclusions(root)),
      'inventory term(s) without a topic',
    );
  });

  test('every exclusion has a reason and names a real inventory term', () => {
    expectNone(checkExclusions(loadExclusions(root), loadInventory(root), topics), 'exclusion problem(s)');
  });

  test('every notes path names a file of the notes (knowledge/notes-files.txt)', () => {
    expectNone(checkNotes(topics, loadNotesFiles(root)), 'missing notes file(s)');
  });

  test(`the official glossary: every row well-formed, at least ${100 * MIN_GLOSSARY_COVERAGE}% of technical entries lead to a topic`, () => {
    const entries = loadGlossary(root);
    const c = glossaryCoverage(entries, new Set(topics.map(t => t.id)), (name, id) =>
      topicsNamed(topics, name).some(t => t.id === id),
    );
    expectNone(c.problems, 'glossary row problem(s)');
    assert.ok(c.technical.length > 120, `only ${c.technical.length} technical entries: the list is incomplete`);
    assert.ok(
      c.covered.length >= MIN_GLOSSARY_COVERAGE * c.technical.length,
      `${c.covered.length} / ${c.technical.length} covered; not covered: ${c.uncovered.map(e => e.term).join(', ')}`,
    );
  });

  test(`no topic names a Kubernetes release newer than ${NEWEST_RELEASE}`, () => {
    expectNone(checkReleaseNumbers(topics, NEWEST_RELEASE), 'topic(s) from the future');
    const mentions = topics.flatMap(t => releaseMentions(t.body));
    assert.ok(mentions.length > 150, `only ${mentions.length} release mentions found: the pattern is broken`);
  });
});

suite('Knowledge quality checks catch what they should', () => {
  const good = (id: string, fields: Partial<MarkdownTopic> = {}) =>
    topic(id, {
      body: Array.from({ length: 90 }, (_, i) => `word${i}`).join(' '),
      related: ['x', 'y'].filter(r => r !== id),
      ...fields,
    });
  const base = [
    good('x', { related: ['y', 'z'] }),
    good('y', { related: ['x', 'z'] }),
    good('z', { related: ['x', 'y'] }),
  ];
  const reports = (problems: string[], id: string, reason: RegExp) =>
    assert.ok(
      problems.some(p => p.startsWith(`${id}:`) && reason.test(p)),
      `expected ${id} ${reason}, got:\n${problems.join('\n')}`,
    );

  test('the well-formed fixtures pass every check', () => {
    assert.deepStrictEqual(
      [
        ...checkSummaries(base),
        ...checkBodies(base),
        ...checkRelatedCount(base),
        ...checkReferences(base),
        ...checkNamesResolve(base),
        ...checkLinks(base),
        ...checkDuplicateNames(base),
      ],
      [],
    );
  });

  test('summaries', () => {
    const p = checkSummaries([
      good('a', { summary: '' }),
      good('b', { summary: 'x'.repeat(241) + '.' }),
      good('c', { summary: 'One. Two, e.g. three. kubectl four.' }),
      good('d', { summary: 'One sentence, e.g. this. Two.' }),
    ]);
    reports(p, 'a', /missing/);
    reports(p, 'b', /242 characters/);
    reports(p, 'c', /3 sentences/);
    assert.ok(!p.some(x => x.startsWith('d:')), p.join('\n'));
  });

  test('bodies, counting words outside fenced code', () => {
    const code = '```yaml\n' + Array.from({ length: 100 }, (_, i) => `k${i}: v`).join('\n') + '\n```';
    const p = checkBodies([
      good('a', { body: 'short body' }),
      good('b', { body: `${code}\n\nOnly a few words.` }),
      good('c', { primary: false, body: Array.from({ length: 45 }, () => 'w').join(' ') }),
      good('d', { primary: false, body: 'w '.repeat(39) }),
    ]);
    reports(p, 'a', /2 words .* primary topic needs 80/);
    reports(p, 'b', /4 words/);
    assert.ok(!p.some(x => x.startsWith('c:')), p.join('\n'));
    reports(p, 'd', /39 words .* brief topic needs 40/);
  });

  test('related topics and topic links', () => {
    reports(checkRelatedCount([good('a', { related: ['x'] })]), 'a', /1 related/);
    const p = checkReferences([
      ...base,
      good('a', { related: ['x', 'nope'], body: 'See [y](topic:y), [n](topic:gone "t") and <topic:also-gone>.' }),
    ]);
    reports(p, 'a', /related id "nope"/);
    reports(p, 'a', /topic:gone/);
    reports(p, 'a', /topic:also-gone/);
    assert.ok(!p.some(x => /topic:y\b/.test(x)), p.join('\n'));
  });

  test('names that the matcher does not resolve to their topic', () => {
    const p = checkNamesResolve([
      ...base,
      good('pod', { title: 'Pod' }),
      good('shadowed', { title: 'Shadowed', aliases: ['pod'], exactCase: [] }),
      good('oci', { title: 'Open Container Initiative', aliases: ['OCI'], ambiguous: ['OCI'], context: ['runc'] }),
      good('lost', { title: 'Lost', aliases: ['thing'], ambiguous: ['thing'], context: ['nowhere'] }),
      good('winner', { title: 'Winner', aliases: ['thing'], ambiguous: ['thing'], context: ['thing', 'nowhere'] }),
      good('flag', { title: 'Flag', aliases: ['--flag', 'kind: Flag'] }),
      good('gap', { title: 'Gap Topic', aliases: ['gap..name'] }),
      good('path', { title: 'Path', aliases: ['/etc/some/path.conf'] }),
      good('helm', { title: 'Helm', ambiguous: ['Helm'], context: ['chart'] }),
      good('helm-chart', { title: 'Helm chart' }),
    ]);
    reports(p, 'shadowed', /name "pod" resolves to "pod"/);
    reports(p, 'lost', /ambiguous name "thing" .* resolves to "winner"/);
    reports(p, 'gap', /"gap\.\.name" resolves to nothing/);
    for (const fine of ['oci', 'winner', 'flag', 'pod', 'path', 'helm', 'helm-chart'])
      assert.ok(!p.some(x => x.startsWith(`${fine}:`)), p.join('\n'));
  });

  test('links', () => {
    const p = checkLinks([
      good('a', { links: [{ title: 'x', url: 'http://kubernetes.io/' }] }),
      good('b', { links: [{ title: 'x', url: 'not a url' }] }),
      good('c', { links: [{ title: 'x', url: 'https://localhost/x' }] }),
      good('d', { links: [{ title: '', url: 'https://kubernetes.io/' }] }),
      good('e', { links: [] }),
    ]);
    reports(p, 'a', /not https/);
    reports(p, 'b', /malformed/);
    reports(p, 'c', /not a domain name/);
    reports(p, 'd', /no title/);
    reports(p, 'e', /no links/);
  });

  test('first links of Kubernetes-owned topics', () => {
    const at = (id: string, category: string, url: string) =>
      good(id, { category, source: `knowledge/${category}/${id}.md`, links: [{ title: 'x', url }] });
    const p = checkOfficialFirstLink([
      at('pod', 'workloads', 'https://kubernetes.io/docs/concepts/workloads/pods/'),
      at('blog-pod', 'workloads', 'https://example.com/pods'),
      at('k9s', 'tooling', 'https://k9scli.io/'),
      at('calico', 'networking', 'https://docs.tigera.io/calico/latest/about/'),
      at('gateway-api', 'networking', 'https://gateway-api.sigs.k8s.io/'),
      at('ingress-nginx', 'networking', 'https://example.com/ingress-nginx'),
      at('etcd', 'control-plane', 'https://kubernetes.io/docs/tasks/administer-cluster/configure-upgrade-etcd/'),
    ]);
    reports(p, 'blog-pod', /links example\.com first/);
    reports(p, 'ingress-nginx', /not a Kubernetes-owned page/);
    reports(p, 'etcd', /already links kubernetes\.io first/);
    reports(p, 'cert-manager', /not a topic/);
    for (const fine of ['pod', 'k9s', 'calico', 'gateway-api'])
      assert.ok(!p.some(x => x.startsWith(`${fine}:`)), p.join('\n'));
  });

  test('duplicate names', () => {
    const p = checkDuplicateNames([
      good('a', { aliases: ['shared name'] }),
      good('b', { aliases: ['Shared-Name'] }),
      good('c', { aliases: ['both'], ambiguous: ['both'] }),
      good('d', { aliases: ['both'], ambiguous: ['both'] }),
      good('e', { aliases: ['one'], ambiguous: ['one'] }),
      good('f', { aliases: ['one'] }),
      good('g', { aliases: ['KUBECONFIG'], exactCase: ['KUBECONFIG'] }),
      good('h', { aliases: ['kubeconfig'] }),
    ]);
    reports(p, 'b', /"Shared-Name" is also the name "shared name" of topic "a"/);
    reports(p, 'f', /"one" .* topic "e"/);
    for (const fine of ['c', 'd', 'g', 'h']) assert.ok(!p.some(x => x.startsWith(`${fine}:`)), p.join('\n'));
  });

  test('glossary rows', () => {
    const entries: GlossaryEntry[] = [
      { line: 2, id: 'pod', term: 'Pod', kind: 'technical', topic: 'pod', reason: '' },
      { line: 3, id: 'pod', term: 'Pods again', kind: 'technical', topic: 'pod', reason: '' },
      { line: 4, id: 'csi', term: 'Container Storage Interface (CSI)', kind: 'technical', topic: 'csi', reason: '' },
      { line: 5, id: 'x', term: 'X', kind: 'technical', topic: 'nope', reason: '' },
      { line: 6, id: 'y', term: 'Y', kind: 'technical', topic: '-', reason: '' },
      { line: 7, id: 'z', term: 'Z', kind: 'weird', topic: '-', reason: 'a role' },
      { line: 8, id: 'w', term: 'Wrong name', kind: 'technical', topic: 'pod', reason: '' },
    ];
    const names: Record<string, string[]> = { pod: ['Pod'], csi: ['CSI'] };
    const c = glossaryCoverage(entries, new Set(['pod', 'csi']), (name, id) => names[id]?.includes(name) ?? false);
    assert.deepStrictEqual(c.problems, [
      'knowledge/glossary.tsv:3: duplicate glossary id "pod" (first at line 2)',
      'knowledge/glossary.tsv:3: "Pods again" is not a name of topic "pod" (add it as an alias, or fix the row)',
      'knowledge/glossary.tsv:5: unknown topic "nope"',
      'knowledge/glossary.tsv:6: "Y" leads to no topic and gives no reason',
      'knowledge/glossary.tsv:7: kind "weird" is not technical, community, obsolete',
      'knowledge/glossary.tsv:8: "Wrong name" is not a name of topic "pod" (add it as an alias, or fix the row)',
    ]);
    assert.deepStrictEqual(
      c.covered.map(e => e.line),
      [2, 4],
    );
    assert.deepStrictEqual(glossaryNames('Container Storage Interface (CSI)'), [
      'Container Storage Interface (CSI)',
      'Container Storage Interface',
      'CSI',
    ]);
  });

  test('inventory coverage and exclusions', () => {
    const inventory: InventoryTerm[] = ['Pod', 'kube-proxy', 'Ubuntu', 'Orphan'].map(term => ({
      term,
      category: 'c',
      subcategory: '',
      nFiles: 1,
    }));
    const topics = [
      good('pod', { title: 'Pod' }),
      good('kube-proxy', { title: 'kube proxy', aliases: ['KUBE-PROXY'] }),
    ];
    const exclusions: Exclusion[] = [
      { term: 'Ubuntu', reason: 'an OS', line: 2 },
      { term: 'Invented', reason: 'x', line: 3 },
      { term: 'Orphan', reason: '', line: 4 },
      { term: 'pod', reason: 'dup', line: 5 },
    ];
    assert.deepStrictEqual(
      checkInventoryCovered(topics, inventory, exclusions.slice(0, 1)).map(p => p.split(' ')[0]),
      ['"Orphan"'],
    );
    const p = checkExclusions(exclusions, inventory, topics);
    assert.ok(
      p.some(x => /:3 "Invented": not a term/.test(x)),
      p.join('\n'),
    );
    assert.ok(
      p.some(x => /:4 "Orphan": no reason/.test(x)),
      p.join('\n'),
    );
    assert.ok(
      p.some(x => /:5 "pod": excluded, yet topic "pod"/.test(x)),
      p.join('\n'),
    );
    assert.ok(!p.some(x => /Ubuntu/.test(x)), p.join('\n'));
  });

  test('size, categories and notes paths', () => {
    const p = checkSize([good('a', { category: 'cluster' })]);
    assert.ok(p.some(x => /only 1 topics/.test(x)) && p.some(x => /"ecosystem" .* no topics/.test(x)), p.join('\n'));
    assert.ok(!p.some(x => /"cluster"/.test(x)), p.join('\n'));
    const files = new Set(['docs/pod.md', 'README.md']);
    const n = checkNotes(
      [good('a', { notes: ['no/such/file.md', 'docs/../README.md', 'docs', 'docs/pod.md'] })],
      files,
    );
    reports(n, 'a', /"no\/such\/file\.md" is not a file of the notes/);
    reports(n, 'a', /"docs\/\.\.\/README\.md" is not a file/);
    reports(n, 'a', /"docs" is not a file/);
    assert.strictEqual(n.length, 3, n.join('\n'));
    assert.deepStrictEqual(checkNotes([good('b', { notes: ['docs/pod.md', 'README.md'] })], files), []);
  });

  test('release numbers newer than the newest release the knowledge describes', () => {
    const future = [
      'Kubernetes 1.38 adds it.',
      'It went stable in v1.38.',
      'Graduated in 1.40, so upgrade.',
      'since 1.38',
      'Kubernetes version 1.39 will remove it.',
      'The 1.38 release changed it.',
      'Clusters 1.38+ only.',
      'kubeadm 1.38 writes it.',
    ];
    future.forEach((text, i) =>
      reports(checkReleaseNumbers([good(`f${i}`, { body: text })], '1.37'), `f${i}`, /1\.(38|39|40)/),
    );
    reports(checkReleaseNumbers([good('s', { summary: 'New in Kubernetes 1.38.' })], '1.37'), 's', /1\.38/);
    reports(checkReleaseNumbers([good('st', { stages: [{ stage: 'alpha', since: '1.38' }] })], '1.37'), 'st', /1\.38/);
    const unrelated = [
      'Kubernetes 1.37 and v1.36 and since 1.29.',
      'containerd 1.7 and Go 1.38 and Istio 1.40 and Cilium 1.45.',
      'Helm 3.14, etcd v3.5.21, Calico v3.38, cert-manager v2.40.',
      'It takes 1.5 seconds, 1.38 GB of memory, a ratio in 1.38.2 form, or 1.38%.',
    ];
    assert.deepStrictEqual(checkReleaseNumbers([good('u', { body: unrelated.join(' ') })], '1.37'), []);
    assert.deepStrictEqual(releaseMentions(unrelated[0]), ['1.37', '1.36', '1.29']);
  });
});
