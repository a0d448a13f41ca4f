/** The notes read as a course: chapters in order, each listing the topics its notes files discuss. */
import type { Topic } from './model';

export interface Chapter {
  id: string;
  title: string;
  icon: string;
  /** Notes files, in reading order; a path ending in `/` stands for every file below it. */
  notes: string[];
}

export const CHAPTERS: readonly Chapter[] = [
  {
    id: 'introduction',
    title: '1. Introduction and ecosystem',
    icon: 'book',
    notes: ['README.md', 'docs/1-Introduction.md', 'articles/'],
  },
  {
    id: 'planning',
    title: '2. Planning a cluster',
    icon: 'milestone',
    notes: ['docs/2-Planning.md', 'docs/example-3node-cluster.md', 'docs/ip-schemes.md'],
  },
  {
    id: 'local-clusters',
    title: '3. Local clusters',
    icon: 'vm',
    notes: ['minikube/', 'docs/minikube-vs-KIND.md', 'docs/microk8s.md', 'k3s-cluster/README.md'],
  },
  {
    id: 'kubectl',
    title: '4. kubectl and kubeconfig',
    icon: 'terminal',
    notes: [
      'docs/6-kubectl.md',
      'docs/configure_workstation.md',
      'docs/kubectl_autocompletion.md',
      'docs/kubeconfig_file.md',
      'docs/context.md',
      'docs/config-files.md',
    ],
  },
  {
    id: 'workloads',
    title: '5. Workloads and configuration',
    icon: 'rocket',
    notes: [
      'docs/pod-deployment-service.md',
      'docs/namespace.md',
      'docs/rollout.md',
      'docs/probe_in_kubernetes.md',
      'docs/ConfigMaps.md',
      'docs/secrets.md',
      'docs/4-advanced-features.md',
      'k3s-cluster/practice/',
      'nginx-demo/',
      'mlflow/',
    ],
  },
  {
    id: 'networking',
    title: '6. Services and networking',
    icon: 'plug',
    notes: ['docs/9.service.md', 'docs/ingress.md'],
  },
  {
    id: 'storage',
    title: '7. Storage',
    icon: 'database',
    notes: [
      'docs/persistance-volume.md',
      'docs/persistance_storage/',
      'kubeadm-cluster/4.local_path_provisioner.md',
      'kubeadm-cluster/5.nfs_storage_provisioner.md',
    ],
  },
  { id: 'security', title: '8. Security', icon: 'shield', notes: ['docs/security/', 'docs/service_account.md'] },
  {
    id: 'runtimes',
    title: '9. Runtimes and images',
    icon: 'package',
    notes: [
      'docs/CRI.md',
      'docs/CRI-O-vs-containerd.md',
      'docs/cgroups_drivers.md',
      'docs/OCI.md',
      'docs/Docker-Images-vs-OCI-mages.md',
      'docs/importing_image.md',
    ],
  },
  {
    id: 'packaging',
    title: '10. Packaging: Helm and Kustomize',
    icon: 'archive',
    notes: ['docs/helm.md', 'docs/kustomize.md'],
  },
  {
    id: 'building',
    title: '11. Building clusters',
    icon: 'tools',
    notes: [
      'kubeadm-cluster/README.md',
      'kubeadm-cluster/2.configure_master_node.md',
      'kubeadm-cluster/3.configure_worker_node.md',
      'kubernetes-hardway/',
    ],
  },
  {
    id: 'troubleshooting',
    title: '12. Troubleshooting and monitoring',
    icon: 'debug',
    notes: [
      'kubeadm-cluster/troobleshooting/',
      'kubeadm-cluster/troubleshoot_masternode.md',
      'kubeadm-cluster/troubleshoot_etcd_container_exiting.md',
      'kubeadm-cluster/reset_master_node.md',
      'kubeadm-cluster/reset_worker_node.md',
      'monitoring/',
      'k3s-cluster/monitoring/',
    ],
  },
];

export const BEYOND_THE_NOTES: Chapter = { id: 'beyond', title: 'Beyond the notes', icon: 'library', notes: [] };

/** Where a notes file sits in the course: its chapter and its position in that chapter, or undefined. */
export function placeOfNotesFile(path: string): { chapter: Chapter; position: number } | undefined {
  for (const chapter of CHAPTERS) {
    const position = chapter.notes.findIndex(n => (n.endsWith('/') ? path.startsWith(n) : path === n));
    if (position >= 0) return { chapter, position };
  }
  return undefined;
}

/** The places of a topic in the course, as `[chapter index, position]`: shipped, or from its notes. */
export function placesOf(topic: Topic): Array<[number, number]> {
  if (topic.chapterPlaces) return topic.chapterPlaces;
  const places: Array<[number, number]> = [];
  for (const path of topic.notes) {
    const place = placeOfNotesFile(path);
    if (place) places.push([CHAPTERS.indexOf(place.chapter), place.position]);
  }
  return places;
}

/**
 * The topics of each chapter, ordered by the first notes file that discusses them, then by title. A topic the notes
 * discuss in several chapters appears in each; topics no notes file discusses are gathered in "Beyond the notes".
 */
export function groupByChapter(topics: readonly Topic[]): Array<{ chapter: Chapter; topics: Topic[] }> {
  const byChapter = new Map<string, Array<{ topic: Topic; position: number }>>();
  const beyond: Topic[] = [];
  for (const topic of topics) {
    const best = new Map<string, number>();
    for (const [index, position] of placesOf(topic)) {
      const id = CHAPTERS[index]?.id;
      if (id) best.set(id, Math.min(best.get(id) ?? Infinity, position));
    }
    if (best.size === 0) beyond.push(topic);
    for (const [id, position] of best) {
      const list = byChapter.get(id) ?? [];
      list.push({ topic, position });
      byChapter.set(id, list);
    }
  }
  const byTitle = (a: Topic, b: Topic) => a.title.localeCompare(b.title, 'en', { sensitivity: 'base' });
  const groups = CHAPTERS.filter(c => byChapter.has(c.id)).map(chapter => ({
    chapter,
    topics: byChapter
      .get(chapter.id)!
      .sort((a, b) => a.position - b.position || byTitle(a.topic, b.topic))
      .map(e => e.topic),
  }));
  if (beyond.length > 0) groups.push({ chapter: BEYOND_THE_NOTES, topics: beyond.sort(byTitle) });
  return groups;
}
