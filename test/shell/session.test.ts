import { describe, expect, it } from 'vitest';
import { isDockerfileLine } from '../../src/extract/vocabulary/dockerfile.ts';
import { SHELL_VOCABULARY } from '../../src/extract/vocabulary/shell.ts';
import { pairComments, readSession } from '../../src/shell/session.ts';

const read = (code: string) => readSession(code, SHELL_VOCABULARY, { isForeign: isDockerfileLine });
const commands = (code: string) =>
  read(code)
    .filter((l) => l.kind === 'command')
    .map((l) => l.text);

describe('readSession', () => {
  it('strips prompt shapes copied from terminals', () => {
    const code = [
      'docker@default:~',
      '$ docker pull ubuntu:16.04',
      'docker@default:~/mynginx$ docker build -t nginx:v3 .',
      '0;root@0d248af097b5: /root@0d248af097b5:/# cat /etc/os-release',
      'root@xxx: /# exit',
      '[root@centos tmp]# yum install -y git',
      '}docker@default:~/myip$ docker run myip -i',
    ].join('\n');
    expect(commands(code)).toEqual([
      'docker pull ubuntu:16.04',
      'docker build -t nginx:v3 .',
      'cat /etc/os-release',
      'exit',
      'yum install -y git',
      'docker run myip -i',
    ]);
  });

  it('never takes output for a command: tables, JSON, build steps, key=value lines', () => {
    const code = [
      'docker@default:~$ docker image ls',
      'REPOSITORY          TAG                 IMAGE ID',
      'ubuntu              16.04               c522ac0d6194',
      'docker@default:~$ docker build -t nginx:v3 .',
      'Step 1/2 : FROM nginx',
      'Successfully built 4021436fa2ed',
      '$ cat /etc/os-release',
      'NAME="Ubuntu"',
      'ID=ubuntu',
      '$ curl -s http://ipinfo.cn',
      '{',
      '  "ip": "113.70.180.56"',
      '}',
      'docker: Error response from daemon',
    ].join('\n');
    expect(commands(code)).toEqual([
      'docker image ls',
      'docker build -t nginx:v3 .',
      'cat /etc/os-release',
      'curl -s http://ipinfo.cn',
    ]);
  });

  it('reads a line after output as a command only when it starts with a known program', () => {
    const code = ['docker exec -i 69d1 bash', 'ls', 'bin', 'boot', '', 'docker container ls'].join('\n');
    expect(commands(code)).toEqual(['docker exec -i 69d1 bash', 'ls', 'docker container ls']);
  });

  it('tells Dockerfile lines in a shell block from commands', () => {
    const lines = read(
      ['# 内容为', 'FROM nginx', "Run echo '<h1>Hello</h1>' > /usr/share/nginx/html/index.html"].join('\n'),
    );
    expect(lines.map((l) => l.kind)).toEqual(['comment', 'foreign', 'foreign']);
  });

  it('joins continuation lines and splits a trailing comment', () => {
    const lines = read(
      'docker import \\\n\thttp://x/ubuntu.tar.gz \\\n    openvz/ubuntu:14.04\ndocker ps  # running ones',
    );
    expect(lines.filter((l) => l.kind === 'command')).toMatchObject([
      { text: 'docker import http://x/ubuntu.tar.gz openvz/ubuntu:14.04', index: 0 },
      { text: 'docker ps', trailingComment: 'running ones', index: 3 },
    ]);
  });

  it('reads `# cmd` as a root prompt only in a session with prompts', () => {
    expect(commands('$ docker ps\n# apt-get update')).toEqual(['docker ps', 'apt-get update']);
    expect(read('# apt-get update')[0]?.kind).toBe('comment');
    expect(read('$ ls\n# 查看 docker ps 的输出')[1]?.kind).toBe('comment');
  });
});

describe('pairComments', () => {
  it('gives each comment the commands below it, up to a blank line', () => {
    const pairs = pairComments(
      read(
        '# 根据仓库名\ndocker image ls ubuntu\n\n# 之前则是用before\n\n# 显示摘要\ndocker image ls --digests',
      ),
    );
    expect(pairs.map((p) => [p.comment, p.commands.map((c) => c.text)])).toEqual([
      ['根据仓库名', ['docker image ls ubuntu']],
      ['之前则是用before', []],
      ['显示摘要', ['docker image ls --digests']],
    ]);
  });

  it('pairs a comment after a lone command with it, and only the last of several remarks', () => {
    const after = pairComments(read('docker export 7691a814370e > ubuntn.tar\n#这样导出容器快照到本地文件'));
    expect(after[0]).toMatchObject({ comment: '这样导出容器快照到本地文件', after: true });
    const remarks = pairComments(read('# 等待几秒后再查看\n# 可用docker inspect查看\ndocker inspect web'));
    expect(remarks.map((p) => [p.comment, p.commands.length])).toEqual([
      ['等待几秒后再查看', 0],
      ['可用docker inspect查看', 1],
    ]);
  });

  it('joins an English comment that wraps onto the next line', () => {
    const pairs = pairComments(
      read('# Remove all stopped containers and\n# dangling images\ndocker system prune'),
    );
    expect(pairs).toHaveLength(1);
    expect(pairs[0]?.comment).toBe('Remove all stopped containers and dangling images');
  });
});
