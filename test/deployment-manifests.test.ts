/**
 * The deployment files operators use, checked without a cluster or Docker (neither runs here): the Kubernetes
 * manifests in k8s/ against the Kubernetes API's schemas (kubernetes-models), and both they and docker-compose.yml
 * against the apps themselves — every command is an app that exists, every variable one the app reads and
 * accepts (loadConfig), the probes on the routes and port the app serves, a stop allowed to take longer than the
 * app's own SHUTDOWN_TIMEOUT_MS.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { load, loadAll } from 'js-yaml';
import { Deployment } from 'kubernetes-models/apps/v1';
import { ConfigMap, Service } from 'kubernetes-models/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { CONFIG_DEFAULTS, loadConfig } from '#libs/platform';

const ROOT = join(__dirname, '..');
const K8S = join(ROOT, 'k8s');
/** The apps of the split deployment, each a folder of apps/ with its main. */
const SPLIT_APPS = ['prospecting', 'deal-closing', 'account-management', 'sales-management', 'sales-insights'];
/** What the Secret sales-ops-secrets holds, as an operator would fill it (placeholders of the right form). */
const SECRET = {
  EVENT_STORE_URL: 'postgres://sales_ops:secret@postgres:5432/sales_ops',
  JWT_SECRET: 'x'.repeat(40),
  SESSION_SECRET: 'y'.repeat(40),
  PRIVACY_MASTER_KEY: Buffer.alloc(32, 7).toString('base64'),
};
const KNOWN_VARIABLES = new Set([...Object.keys(CONFIG_DEFAULTS), 'NODE_ENV']);

type Manifest = { apiVersion: string; kind: string; metadata: { name: string; labels?: Record<string, string> }; [key: string]: unknown };
// The manifests are read as plain data: the schemas, not TypeScript, are what checks them here.
/* eslint-disable @typescript-eslint/no-explicit-any */
type Any = any;

const VALIDATORS: Record<string, (manifest: Manifest) => { validate(): void }> = {
  'apps/v1/Deployment': (manifest) => new Deployment(manifest as Any),
  'v1/Service': (manifest) => new Service(manifest as Any),
  'v1/ConfigMap': (manifest) => new ConfigMap(manifest as Any),
  'policy/v1/PodDisruptionBudget': (manifest) => new PodDisruptionBudget(manifest as Any),
};

function manifests(): Array<{ file: string; manifest: Manifest }> {
  return readdirSync(K8S)
    .filter((file) => file.endsWith('.yaml') && file !== 'kustomization.yaml')
    .flatMap((file) => loadAll(readFileSync(join(K8S, file), 'utf8')).map((manifest) => ({ file, manifest: manifest as Manifest })));
}

const all = manifests();
const ofKind = (kind: string): Manifest[] => all.filter(({ manifest }) => manifest.kind === kind).map(({ manifest }) => manifest);
const configMap = ofKind('ConfigMap').find((manifest) => manifest.metadata.name === 'sales-ops-config') as Any;

function matches(selector: Record<string, string>, labels: Record<string, string> | undefined): boolean {
  return Object.entries(selector).every(([key, value]) => labels?.[key] === value);
}

/** What the app would run with: the image's NODE_ENV, the ConfigMap, the Secret, then the container's own env. */
function environmentOf(container: Any): Record<string, string> {
  const env: Record<string, string> = { NODE_ENV: 'production' };
  for (const source of container.envFrom ?? []) {
    if (source.configMapRef) Object.assign(env, ofKind('ConfigMap').find((manifest) => manifest.metadata.name === source.configMapRef.name)?.['data']);
    if (source.secretRef?.name === 'sales-ops-secrets') Object.assign(env, SECRET);
  }
  for (const variable of container.env ?? []) env[variable.name] = variable.value;
  return env;
}

describe('k8s/: the split deployment on Kubernetes', () => {
  it('is every file kustomization.yaml lists, and nothing else', () => {
    const kustomization = load(readFileSync(join(K8S, 'kustomization.yaml'), 'utf8')) as { resources: string[] };
    const files = readdirSync(K8S).filter((file) => file.endsWith('.yaml') && file !== 'kustomization.yaml');
    expect([...kustomization.resources].sort()).toEqual(files.sort());
  });

  it('holds only objects valid against the Kubernetes API schemas', () => {
    expect(all.length).toBeGreaterThan(SPLIT_APPS.length * 3);
    for (const { file, manifest } of all) {
      const validator = VALIDATORS[`${manifest.apiVersion}/${manifest.kind}`];
      if (validator === undefined) throw new Error(`${file}: ${manifest.apiVersion} ${manifest.kind} has no schema check here`);
      expect(() => validator(manifest).validate()).not.toThrow();
    }
  });

  it('the schema check refuses a broken manifest (it can fail)', () => {
    const deployment = structuredClone(ofKind('Deployment')[0]) as Any;
    deployment.spec.template.spec.containers[0].ports[0].containerPort = 'http';
    expect(() => new Deployment(deployment).validate()).toThrow(/containerPort/);
    delete deployment.spec.selector;
    expect(() => new Deployment(deployment).validate()).toThrow(/selector/);
  });

  it.each(SPLIT_APPS)('runs %s: two instances of an app that exists, with the settings it accepts', (name) => {
    const deployment = ofKind('Deployment').find((manifest) => manifest.metadata.name === name) as Any;
    expect(deployment).toBeDefined();
    expect(deployment.spec.replicas).toBeGreaterThanOrEqual(2);
    expect(matches(deployment.spec.selector.matchLabels, deployment.spec.template.metadata.labels)).toBe(true);
    const [container] = deployment.spec.template.spec.containers;
    expect(container.command).toEqual(['node', `dist/apps/${name}/src/main.js`]);
    expect(existsSync(join(ROOT, 'apps', name, 'src', 'main.ts'))).toBe(true);

    const env = environmentOf(container);
    for (const variable of Object.keys(env)) expect(KNOWN_VARIABLES).toContain(variable);
    const config = loadConfig(env);
    expect(config.eventStoreUrl).toBe(SECRET.EVENT_STORE_URL);

    // The probes ask the routes the app serves for them, on the port it listens on.
    const port = container.ports.find((each: Any) => each.name === 'http');
    expect(port.containerPort).toBe(config.port);
    expect(container.readinessProbe.httpGet).toEqual({ path: '/health/ready', port: 'http' });
    expect(container.livenessProbe.httpGet).toEqual({ path: '/health/live', port: 'http' });
    expect(container.startupProbe.httpGet).toEqual({ path: '/health/live', port: 'http' });

    // A stop: the preStop pause, then the app's own graceful stop, both within the grace period.
    const pause = Number(container.lifecycle.preStop.exec.command[1]);
    expect(deployment.spec.template.spec.terminationGracePeriodSeconds * 1000).toBeGreaterThan(pause * 1000 + config.shutdownTimeoutMs);

    expect(container.resources.requests.cpu).toBeDefined();
    expect(container.resources.requests.memory).toBeDefined();
    expect(container.resources.limits.memory).toBeDefined();
    expect(container.securityContext).toMatchObject({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true });
    // With a read-only root, the data directory must be a volume.
    expect(container.volumeMounts.map((mount: Any) => mount.mountPath)).toContain(config.dataDir);
  });

  it.each(SPLIT_APPS)('keeps %s reachable and up through a drain: a Service and a PodDisruptionBudget that select its pods', (name) => {
    const deployment = ofKind('Deployment').find((manifest) => manifest.metadata.name === name) as Any;
    const labels = deployment.spec.template.metadata.labels;
    const service = ofKind('Service').find((manifest) => matches((manifest as Any).spec.selector, labels)) as Any;
    expect(service?.spec.ports[0].targetPort).toBe('http');
    const budget = ofKind('PodDisruptionBudget').find((manifest) => matches((manifest as Any).spec.selector.matchLabels, labels)) as Any;
    expect(budget?.spec.minAvailable).toBeLessThan(deployment.spec.replicas);
  });

  it('gives the relay its broker only on the read side (one relay, by lease, among its instances)', () => {
    for (const deployment of ofKind('Deployment') as Any[]) {
      const env = environmentOf(deployment.spec.template.spec.containers[0]);
      expect(env['KAFKA_BROKERS'] !== undefined).toBe(deployment.metadata.name === 'sales-insights');
    }
    expect(configMap.data.KAFKA_BROKERS).toBeUndefined();
  });
});

describe('docker-compose.yml', () => {
  const compose = load(readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8')) as { services: Record<string, Any> };
  const apps = Object.entries(compose.services).filter(([, service]) => service.build !== undefined);

  it('runs the all-in-one app (on PostgreSQL, and on KurrentDB in the kurrentdb profile) and every app of the split deployment', () => {
    expect(apps.map(([name]) => name).sort()).toEqual(['sales-ops', 'sales-ops-kurrentdb', ...SPLIT_APPS].sort());
  });

  it('runs the kurrentdb profile: an insecure KurrentDB with a health check, and the app on it with its side tables in PostgreSQL', () => {
    const kurrentdb = compose.services['kurrentdb'];
    expect(kurrentdb.profiles).toEqual(['kurrentdb']);
    expect(kurrentdb.image).toMatch(/^docker\.kurrent\.io\/kurrent-latest\/kurrentdb:/);
    expect(kurrentdb.environment.KURRENTDB_INSECURE).toBe('true');
    expect(kurrentdb.healthcheck.test.join(' ')).toContain('/health/live');
    const app = compose.services['sales-ops-kurrentdb'];
    expect(app.profiles).toEqual(['kurrentdb']);
    const config = loadConfig({ NODE_ENV: 'production', ...app.environment });
    expect(config.eventStoreUrl).toMatch(/^kurrentdb:\/\/kurrentdb:2113\?tls=false/);
    expect(config.readModelUrl).toMatch(/^postgres:\/\/.*@postgres:5432\//);
    expect(config.rateLimit.store).toBe('postgres');
    expect(Object.keys(app.depends_on).sort()).toEqual(['kurrentdb', 'postgres']);
    expect(app.depends_on.kurrentdb.condition).toBe('service_healthy');
  });

  it.each(apps.map(([name]) => name))('gives %s a health check on /health/ready, settings it accepts, and a stop longer than its own', (name) => {
    const service = compose.services[name];
    const main = (service.command ?? ['node', 'dist/apps/sales-ops/src/main.js'])[1] as string;
    expect(existsSync(join(ROOT, main.replace(/^dist\//, '').replace(/\.js$/, '.ts')))).toBe(true);
    expect(service.healthcheck.test.join(' ')).toContain('/health/ready');
    const env = { NODE_ENV: 'production', ...service.environment } as Record<string, string>;
    for (const variable of Object.keys(env)) expect(KNOWN_VARIABLES).toContain(variable);
    const config = loadConfig(env);
    const grace = /^(\d+)s$/.exec(service.stop_grace_period)?.[1];
    expect(Number(grace) * 1000).toBeGreaterThan(config.shutdownTimeoutMs);
  });

  it('gives every split service the same secrets (each would otherwise make its own, and not open the others\' data)', () => {
    const split = apps.filter(([, service]) => (service.profiles ?? []).includes('split')).map(([, service]) => service.environment);
    expect(split).toHaveLength(SPLIT_APPS.length);
    for (const variable of ['EVENT_STORE_URL', 'JWT_SECRET', 'SESSION_SECRET', 'PRIVACY_MASTER_KEY']) {
      const values = new Set(split.map((environment) => environment[variable]));
      expect(values.size).toBe(1);
      expect([...values][0]).toBeTruthy();
    }
  });

  it('keeps the all-in-one app\'s generated secrets in a volume', () => {
    const config = loadConfig({ NODE_ENV: 'production', ...compose.services['sales-ops'].environment });
    expect(compose.services['sales-ops'].volumes.some((volume: string) => volume.endsWith(`:${config.dataDir.replace(/^\.\//, '/app/')}`))).toBe(true);
  });
});
