/**
 * Runs the generated Ruby script under JRuby (whose regex engine, Joni, is the
 * one Logstash uses) over corpus lines and requires output identical to the
 * TypeScript masker. Needs `java` and the jruby-complete jar from Maven
 * Central (`mvn dependency:get -Dartifact=org.jruby:jruby-complete:9.4.12.0`,
 * or JRUBY_JAR; `deno task services` fetches it); skipped loudly when either is
 * missing, and a failure in CI.
 */
import assert from "node:assert/strict";
import { generateCorpus, lineText } from "../bench/masking_corpus.ts";
import { createMasker } from "../domain/masking/mod.ts";
import { LOGSTASH_RUBY_PATH } from "./generate_logstash_masking.ts";

const JRUBY_VERSION = "9.4.12.0";
const jar = Deno.env.get("JRUBY_JAR") ??
  `${
    Deno.env.get("HOME")
  }/.m2/repository/org/jruby/jruby-complete/${JRUBY_VERSION}/jruby-complete-${JRUBY_VERSION}.jar`;

async function available(): Promise<boolean> {
  try {
    await Deno.stat(jar);
    const java = await new Deno.Command("java", { args: ["-version"], stderr: "null" }).output();
    return java.success;
  } catch {
    return false;
  }
}

const HARNESS = `load ARGV[0]
register({ "ip_mode" => "last_octet" })
File.foreach(ARGV[1]) { |line| puts mask_text(line.chomp) }
`;

const canRun = await available();
if (!canRun) {
  const reason = `needs java and ${jar} (run \`deno task services\`)`;
  if (Deno.env.get("CI") === "true") throw new Error(`logstash agreement test ${reason}`);
  console.warn(`SKIPPED logstash agreement test: ${reason}`);
}

Deno.test({
  name: "the generated Logstash script masks exactly like the service (JRuby/Joni)",
  ignore: !canRun,
  async fn() {
    const lines = generateCorpus(40, 11).map(lineText).map((line) => line.replaceAll("\n", " "));
    const harness = await Deno.makeTempFile({ suffix: ".rb" });
    const input = await Deno.makeTempFile({ suffix: ".txt" });
    try {
      await Deno.writeTextFile(harness, HARNESS);
      await Deno.writeTextFile(input, lines.join("\n") + "\n");
      const script = new URL(`../${LOGSTASH_RUBY_PATH}`, import.meta.url).pathname;
      const { success, stdout, stderr } = await new Deno.Command("java", {
        args: ["-jar", jar, harness, script, input],
      }).output();
      assert.ok(success, new TextDecoder().decode(stderr));
      const ruby = new TextDecoder().decode(stdout).split("\n");
      const masker = createMasker();
      lines.forEach((line, i) =>
        assert.equal(ruby[i], masker.maskText(line), `line ${i}: ${line}`)
      );
    } finally {
      await Deno.remove(harness);
      await Deno.remove(input);
    }
  },
});
