import assert from "node:assert/strict";
import { createMasker } from "./masker.ts";

const masker = createMasker();
const mask = (text: string) => masker.maskText(text);

Deno.test("e-mail keeps the first letter and the domain", () => {
  assert.equal(mask("mail jane.doe@example.com now"), "mail j***@example.com now");
  assert.equal(mask("a@b.co"), "*@b.co");
});

Deno.test("cards are masked only when Luhn-valid with a card prefix, last four kept", () => {
  assert.equal(mask("card 4111 1111 1111 1111"), "card **** **** **** 1111");
  assert.equal(mask("card 3782-822463-10005"), "card ****-******-*0005");
  assert.equal(mask("id 4111111111111112"), "id 4111111111111112");
  assert.equal(mask("ts 1732700000001"), "ts 1732700000001");
  assert.equal(mask("ratio 0.4111111111111111"), "ratio 0.4111111111111111");
});

Deno.test("national identifiers, phones and IBANs", () => {
  assert.equal(mask("ssn 123-45-6789"), "ssn ***-**-****");
  assert.equal(mask("ssn 666-45-6789"), "ssn 666-45-6789");
  assert.equal(mask("rrn 900101-1234567"), "rrn ******-*******");
  assert.equal(mask("tel 010-1234-5678"), "tel ***-****-5678");
  assert.equal(mask("tel +82 10-1234-5678"), "tel +** **-****-5678");
  assert.equal(mask("tel +14155552671"), "tel +*******2671");
  assert.equal(mask("iban DE89 3704 0044 0532 0130 00"), "iban DE** **** **** **** **30 00");
  assert.equal(mask("iban DE89 3704 0044 0532 0130 01"), "iban DE89 3704 0044 0532 0130 01");
});

Deno.test("IP addresses follow the configured mode", () => {
  assert.equal(mask("from 10.1.2.3 and ::1"), "from 10.1.2.0 and ::");
  assert.equal(createMasker({ ip: "full" }).maskText("from 10.1.2.3"), "from 0.0.0.0");
  assert.equal(createMasker({ ip: "off" }).maskText("from 10.1.2.3"), "from 10.1.2.3");
  assert.equal(mask("at 12:34:56 v1.2.3"), "at 12:34:56 v1.2.3");
});

Deno.test("credentials and tokens", () => {
  assert.equal(
    mask(
      "jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U",
    ),
    "jwt [REDACTED:jwt]",
  );
  assert.equal(mask("Authorization: Bearer abcDEF123456789xyz ok"), "Authorization: *** ok");
  assert.equal(mask("header Bearer abcDEF123456789xyz"), "header Bearer ***");
  assert.equal(mask("Basic authentication failed"), "Basic authentication failed");
  assert.equal(mask("key AKIAIOSFODNN7EXAMPLE"), "key [REDACTED:aws]");
  assert.equal(mask("ghp_abcdefghijklmnopqrstuvwxyz0123456789"), "[REDACTED:github]");
  assert.equal(
    mask("https://hooks.slack.com/services/T000/B000/XXXXXXXXXXXXXXXXXXXX"),
    "https://hooks.slack.com/services/[REDACTED:slack]",
  );
  assert.equal(
    mask("k=-----BEGIN EC PRIVATE KEY-----\nMHcCAQEE\n-----END EC PRIVATE KEY----- after"),
    "k=[REDACTED:pem] after",
  );
  assert.equal(mask("Cookie: a=1; b=2\nnext"), "Cookie: ***\nnext");
});

Deno.test("values under sensitive keys, in text and in JSON text", () => {
  assert.equal(mask("user=bob password=hunter2 x=1"), "user=bob password=*** x=1");
  assert.equal(
    mask('{"accessToken":"abc","tokenizer":"keep"}'),
    '{"accessToken":"***","tokenizer":"keep"}',
  );
  assert.equal(mask('{\\"db_password\\":\\"s3cr3t\\"}'), '{\\"db_password\\":\\"***\\"}');
  assert.equal(mask("client_secret: 'xyz'"), "client_secret: '***'");
  assert.equal(mask('password=""'), 'password=""');
});

Deno.test("an assignment to a harmless key is searched for assignments inside its value", () => {
  assert.equal(mask("url=https://h/cb?token=abc&x=1"), "url=https://h/cb?token=***&x=1");
  assert.equal(mask("passenger=token=abc"), "passenger=token=***");
  assert.equal(mask("passenger=abc"), "passenger=abc");
});

Deno.test("deterministic mode: equal secrets give equal tokens, re-masking changes nothing", () => {
  const deterministic = createMasker({ deterministicKey: new Uint8Array(32).fill(9) });
  const once = deterministic.maskText("a jane@example.com b jane@example.com c password=x");
  const [first, second] = once.match(/\[email#[a-p]{16}\]/g) ?? [];
  assert.ok(first && first === second);
  assert.match(once, /password=\[value#[a-p]{16}\]/);
  assert.equal(deterministic.maskText(once), once);
  assert.throws(() => createMasker({ deterministicKey: new Uint8Array(8) }), RangeError);
});
