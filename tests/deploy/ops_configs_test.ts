/**
 * Filebeat and Logstash configurations, checked for structure (neither runs
 * on the development machines; the masking script itself is run under JRuby
 * by tasks/logstash_agreement_test.ts): Filebeat autodiscovers containers by
 * hints, parses the service's JSON, reads the Kubernetes audit log and ships
 * to Logstash; Logstash has a persistent queue and a dead-letter queue with a
 * pipeline replaying it, parses JSON, enriches (GeoIP, user agent) before the
 * generated masking filter, and routes only to the data streams the service's
 * templates cover.
 */
import assert from "node:assert/strict";
import { parse } from "yaml";
import { LIFECYCLE_STREAMS } from "../../infra/search/setup/lifecycle_policies.ts";
import { LOGSTASH_CONF_PATH } from "../../tasks/generate_logstash_masking.ts";

const OPS = new URL("../../ops/", import.meta.url);
const read = (path: string) => Deno.readTextFile(new URL(path, OPS));

Deno.test("filebeat: hints autodiscover, the service's JSON, the audit log, to Logstash", async () => {
  const config = parse(await read("filebeat/filebeat.yml"));
  const provider = config["filebeat.autodiscover"].providers[0];
  assert.equal(provider.type, "kubernetes");
  assert.equal(provider["hints.enabled"], true);
  const service = provider.templates.find((t: { condition: unknown }) =>
    JSON.stringify(t.condition).includes("logging-audit")
  );
  assert.ok(service.config[0].parsers.some((p: Record<string, unknown>) => "ndjson" in p));
  const audit = config["filebeat.inputs"].find((i: { id: string }) => i.id === "kubernetes-audit");
  assert.equal(audit["fields"]["event.category"], "security");
  assert.ok(config.processors.some((p: Record<string, unknown>) => "add_kubernetes_metadata" in p));
  assert.equal(config["setup.template.enabled"], false, "setup-es owns the templates");
  assert.equal(config["setup.ilm.enabled"], false, "setup-es owns the lifecycle policies");
  assert.match(config["output.logstash"].hosts[0], /5044/);
});

Deno.test("logstash: persistent queue, dead-letter queue and its replay pipeline", async () => {
  const settings = parse(await read("logstash/config/logstash.yml"));
  assert.equal(settings["queue.type"], "persisted");
  assert.equal(settings["dead_letter_queue.enable"], true);
  const pipelines = parse(await read("logstash/config/pipelines.yml")) as Record<string, string>[];
  const logs = pipelines.find((p) => p["pipeline.id"] === "logs")!;
  assert.equal(logs["path.config"], "/usr/share/logstash/pipeline/*.conf");
  const dead = pipelines.find((p) => p["pipeline.id"] === "dead-letters")!;
  const replay = await read(`logstash/dead-letters/${dead["path.config"]!.split("/").pop()}`);
  assert.match(replay, /dead_letter_queue \{[^}]*pipeline_id => "logs"/s);
  assert.match(replay, new RegExp(`path => "${settings["path.dead_letter_queue"]}"`));
});

/** Files of the log pipeline in the order Logstash reads them (by name). */
async function pipelineFiles(): Promise<string[]> {
  const names: string[] = [];
  for await (const entry of Deno.readDir(new URL("logstash/pipeline/", OPS))) {
    if (entry.name.endsWith(".conf")) names.push(entry.name);
  }
  return names.sort();
}

function balanced(text: string): boolean {
  let depth = 0;
  const code = text.replace(/#.*$/gm, "").replace(/"(?:[^"\\]|\\.)*"/g, '""')
    .replace(/'(?:[^'\\]|\\.)*'/g, "''").replace(/\/(?:[^/\\\n]|\\.)+\//g, "//");
  for (const char of code) {
    if (char === "{") depth++;
    if (char === "}" && --depth < 0) return false;
  }
  return depth === 0;
}

Deno.test("logstash pipeline: JSON, enrichment, then the generated masking; known data streams", async () => {
  const files = await pipelineFiles();
  assert.ok(files.includes(LOGSTASH_CONF_PATH.split("/").pop()!), "the generated mask filter");
  const text = new Map<string, string>();
  for (const file of files) {
    text.set(file, await read(`logstash/pipeline/${file}`));
    assert.ok(balanced(text.get(file)!), `${file}: braces balance`);
  }
  const position = (plugin: RegExp) => files.findIndex((f) => plugin.test(text.get(f)!));
  assert.ok(
    position(/\bjson \{/) >= 0 && position(/\bgeoip \{/) >= 0 && position(/\buseragent \{/) >= 0,
  );
  assert.ok(position(/\bjson \{/) < position(/\bgeoip \{/), "JSON is parsed before enrichment");
  assert.ok(
    position(/\bgeoip \{/) < position(/mask_sensitive_data/),
    "GeoIP reads the address before the masking truncates it",
  );
  const parseConf = text.get("20_parse.conf")!;
  const routing = parseConf.slice(
    parseConf.indexOf('id => "data_stream_dataset"'),
    parseConf.indexOf('id => "data_stream_fields"'),
  );
  const datasets = [
    ...[...routing.matchAll(/"[a-z_]+" => "([a-z]+)"/g)].map((m) => m[1]!),
    routing.match(/fallback => "([a-z]+)"/)![1]!,
  ];
  const streams = new Set<string>(LIFECYCLE_STREAMS);
  for (const dataset of new Set(datasets)) {
    assert.ok(streams.has(dataset), `data stream logs-${dataset}-* has no template`);
  }
  const outputs = text.get("90_outputs.conf")!;
  assert.match(outputs, /data_stream_auto_routing => true/);
  assert.match(
    outputs,
    /url => "\$\{SERVICE_URL\}\/api\/v1\/logs"/,
    "the ingest API as the other target",
  );
});
