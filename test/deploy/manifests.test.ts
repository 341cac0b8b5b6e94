/**
 * The deployment files in `deploy/` parse, and what they wire together agrees: the servers'
 * listen ports with the ports published, the Service's selector with the pods' labels, the
 * commands with what `metarena serve` accepts. No cluster runs here; the multi-server client is
 * tested against local servers in test/client.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';

const file = (name: string) => readFileSync(new URL(`../../deploy/${name}`, import.meta.url), 'utf8');

/** The ports `serve --grpc HOST:PORT --ws HOST:PORT` listens on, by flag. */
function servePorts(args: string[]): Record<string, number> {
  expect(args[0]).toBe('serve');
  const out: Record<string, number> = {};
  for (const flag of ['--grpc', '--ws']) {
    const at = args.indexOf(flag);
    expect(at, flag).toBeGreaterThan(0);
    const [host, port] = args[at + 1].split(':');
    expect(host, `${flag} listens on every interface`).toBe('0.0.0.0');
    out[flag] = Number(port);
  }
  return out;
}

type Doc = Record<string, any>;

describe('deploy/kubernetes.yaml', () => {
  const docs = parseAllDocuments(file('kubernetes.yaml')).map((d) => {
    expect(d.errors).toEqual([]);
    return d.toJS() as Doc;
  });
  const deployment = docs.find((d) => d.kind === 'Deployment')!;
  const service = docs.find((d) => d.kind === 'Service')!;

  it('holds a Deployment of several metarena servers and a headless Service', () => {
    expect(docs.map((d) => `${d.apiVersion} ${d.kind}`)).toEqual(['apps/v1 Deployment', 'v1 Service']);
    expect(deployment.spec.replicas).toBeGreaterThan(1);
    expect(service.spec.clusterIP).toBe('None');
    expect(service.metadata.name).toBe(deployment.metadata.name);
  });

  it('selectors match the pod labels, and the Service ports name container ports the server listens on', () => {
    const labels = deployment.spec.template.metadata.labels;
    expect(labels).toMatchObject(deployment.spec.selector.matchLabels);
    expect(labels).toMatchObject(service.spec.selector);
    const [container] = deployment.spec.template.spec.containers;
    const listens = servePorts(container.args);
    const byName = Object.fromEntries(container.ports.map((p: Doc) => [p.name, p.containerPort]));
    expect(byName).toEqual({ grpc: listens['--grpc'], ws: listens['--ws'] });
    for (const p of service.spec.ports) expect(byName[p.targetPort], p.name).toBe(p.port);
    expect(byName[container.readinessProbe.tcpSocket.port]).toBe(listens['--grpc']);
  });

  it('the client address in its comment is the Service name at the gRPC port', () => {
    const { metadata, spec } = service;
    const grpc = spec.ports.find((p: Doc) => p.name === 'grpc').port;
    expect(file('kubernetes.yaml')).toContain(`dns:///${metadata.name}.default.svc.cluster.local:${grpc}`);
  });
});

describe('deploy/docker-compose.yml', () => {
  const compose = parse(file('docker-compose.yml')) as Doc;
  const services = Object.entries(compose.services as Record<string, Doc>);

  it('runs two servers whose published ports reach their listeners, on distinct host ports', () => {
    expect(services.length).toBe(2);
    const hostPorts: number[] = [];
    for (const [name, s] of services) {
      const listens = servePorts(s.command);
      const published = (s.ports as string[]).map((p) => p.split(':').map(Number));
      expect(published.map(([, inside]) => inside).sort(), name).toEqual([listens['--grpc'], listens['--ws']].sort());
      hostPorts.push(...published.map(([host]) => host));
    }
    expect(new Set(hostPorts).size).toBe(hostPorts.length);
    expect(file('docker-compose.yml')).toContain(`localhost:${hostPorts[0]}", "localhost:${hostPorts[2]}`);
  });

  it('builds the image of deploy/Dockerfile, which serves on the same ports', () => {
    const built = services.find(([, s]) => s.build)![1];
    expect(built.build.dockerfile).toBe('deploy/Dockerfile');
    const dockerfile = file('Dockerfile');
    const cmd = JSON.parse(/^CMD (.*)$/m.exec(dockerfile)![1]) as string[];
    expect(servePorts(cmd)).toEqual(servePorts(built.command));
    for (const [, s] of services) expect(s.image).toBe(built.image);
  });
});
