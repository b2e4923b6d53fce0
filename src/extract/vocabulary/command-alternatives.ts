/**
 * Commands that do the same thing under different names, as groups of equivalent command prefixes.
 * A typed quiz accepts any member: `docker images -q` for `docker image ls -q`. Another subject's
 * groups sit beside Docker's in the same table.
 */
export const EQUIVALENT_COMMANDS: readonly (readonly string[])[] = [
  // Docker's management commands (1.13+) and the short forms they replaced.
  ['docker image ls', 'docker images', 'docker image list'],
  ['docker image rm', 'docker rmi', 'docker image remove'],
  ['docker image build', 'docker build'],
  ['docker image pull', 'docker pull'],
  ['docker image push', 'docker push'],
  ['docker image history', 'docker history'],
  ['docker image save', 'docker save'],
  ['docker image load', 'docker load'],
  ['docker image import', 'docker import'],
  ['docker image tag', 'docker tag'],
  ['docker image inspect', 'docker inspect'],
  ['docker container ls', 'docker ps', 'docker container list', 'docker container ps'],
  ['docker container rm', 'docker rm', 'docker container remove'],
  ['docker container run', 'docker run'],
  ['docker container exec', 'docker exec'],
  ['docker container start', 'docker start'],
  ['docker container stop', 'docker stop'],
  ['docker container restart', 'docker restart'],
  ['docker container kill', 'docker kill'],
  ['docker container logs', 'docker logs'],
  ['docker container attach', 'docker attach'],
  ['docker container export', 'docker export'],
  ['docker container commit', 'docker commit'],
  ['docker container diff', 'docker diff'],
  ['docker container create', 'docker create'],
  ['docker container cp', 'docker cp'],
  ['docker container top', 'docker top'],
  ['docker container port', 'docker port'],
  ['docker container pause', 'docker pause'],
  ['docker container unpause', 'docker unpause'],
  ['docker container rename', 'docker rename'],
  ['docker container stats', 'docker stats'],
  ['docker container wait', 'docker wait'],
  ['docker compose', 'docker-compose'],
  // Git has no exact synonyms worth accepting (`git switch -c` is `git checkout -b`, not a prefix swap).
  // Kubernetes resource short names.
  ['kubectl get pods', 'kubectl get pod', 'kubectl get po'],
  ['kubectl get services', 'kubectl get service', 'kubectl get svc'],
  ['kubectl get deployments', 'kubectl get deployment', 'kubectl get deploy'],
  ['kubectl get namespaces', 'kubectl get namespace', 'kubectl get ns'],
  ['kubectl get nodes', 'kubectl get node', 'kubectl get no'],
];

function startsWithWords(command: string, prefix: string): boolean {
  return command.startsWith(prefix) && (command.length === prefix.length || command[prefix.length] === ' ');
}

function firstWord(command: string): string {
  const space = command.indexOf(' ');
  return space < 0 ? command : command.slice(0, space);
}

/**
 * The groups by the first word of their members, in table order: a command can only start with a
 * prefix that has its own first word, so each command looks at a few groups, not the whole table.
 */
const GROUPS_BY_WORD = new Map<string, (readonly string[])[]>();
for (const group of EQUIVALENT_COMMANDS) {
  for (const word of new Set(group.map(firstWord))) {
    const groups = GROUPS_BY_WORD.get(word) ?? [];
    groups.push(group);
    GROUPS_BY_WORD.set(word, groups);
  }
}

/**
 * Other ways to write a command: each equivalent prefix with the rest of the command kept.
 * Space runs are collapsed first; the command itself is not in the result.
 * @example alternativesOf('docker image ls -q') // ['docker images -q', 'docker image list -q']
 */
export function alternativesOf(command: string): string[] {
  const text = command.trim().replace(/\s+/g, ' ');
  const out: string[] = [];
  for (const group of GROUPS_BY_WORD.get(firstWord(text)) ?? []) {
    // The longest matching prefix wins, so `docker image ls` is not read as `docker image …`.
    const prefix = group.filter((p) => startsWithWords(text, p)).sort((a, b) => b.length - a.length)[0];
    if (!prefix) continue;
    const rest = text.slice(prefix.length);
    for (const other of group) if (other !== prefix) out.push(`${other}${rest}`);
  }
  return [...new Set(out)].filter((alt) => alt !== text);
}
