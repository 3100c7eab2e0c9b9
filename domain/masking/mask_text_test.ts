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
  assert.equal(mask("Cookie: a=1; b=2\nnext"), "Cookie: a=*; b=*\nnext");
});

Deno.test("AWS secret keys without a key name: beside an access key id, or after aws/secret words", () => {
  const secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
  const id = "AKIAIOSFODNN7EXAMPLE";
  const both = "[REDACTED:aws]";
  assert.equal(mask(`${id} ${secret}`), `${both} ${both}`);
  assert.equal(mask(`${id}:${secret}`), `${both}:${both}`);
  assert.equal(mask(`User,${id},${secret}`), `User,${both},${both}`);
  assert.equal(mask(`"${id}","${secret}"`), `"${both}","${both}"`);
  assert.equal(mask(`${secret}\t${id}`), `${both}\t${both}`);
  assert.equal(mask(`aws secret ${secret}`), `aws secret ${both}`);
  assert.equal(mask(`aws_secret ${secret} ok`), `aws_secret ${both} ok`);
  assert.equal(mask(`secret_access_key\t${secret}`), `secret_access_key\t${both}`);
  assert.equal(
    mask(`AWS Secret Access Key [None]: ${secret}`),
    `AWS Secret Access Key [None]: ${both}`,
  );
});

Deno.test("40-character hashes and ids outside a secret position are kept", () => {
  for (
    const text of [
      "commit 3f786850e387550fdab836ed7e6dc881de23001b merged",
      "sha1=da39a3ee5e6b4b0d3255bfef95601890afd80709",
      "etag W/9b2cf535f27731c974343645a3985328IMxQ0a1B",
      "trace 4bf92f3577b34da6a3ce929d0e0e4736 span 00f067aa0ba902b7",
      "request 3f2504e0-4f89-41d3-9a0c-0305e82c3301 by secretary",
      "aws region eu-west-1 digest 3f786850e387550fdab836ed7e6dc881de23001b",
      "key AKIAIOSFODNN7EXAMPLE then sha 3f786850e387550fdab836ed7e6dc881de23001b",
    ]
  ) {
    assert.equal(mask(text), text.replace("AKIAIOSFODNN7EXAMPLE", "[REDACTED:aws]"), text);
  }
});

Deno.test("Cookie and Set-Cookie in text: each value masked, names and attributes kept", () => {
  assert.equal(
    mask("Set-Cookie: sid=abc123; Path=/; Domain=example.org; Max-Age=3600; HttpOnly; Secure"),
    "Set-Cookie: sid=***; Path=/; Domain=example.org; Max-Age=3600; HttpOnly; Secure",
  );
  assert.equal(
    mask("set-cookie: id=a3fWa; Expires=Thu, 21 Oct 2027 07:28:00 GMT; SameSite=Lax, b=xyz9"),
    "set-cookie: id=***; Expires=Thu, 21 Oct 2027 07:28:00 GMT; SameSite=Lax, b=***",
  );
  assert.equal(
    mask('{"cookie":"sid=abc123; theme=dark","x":1}'),
    '{"cookie":"sid=***; theme=***","x":1}',
  );
  assert.equal(mask('cookie="sid=abc123; theme=dark" ok=1'), 'cookie="sid=***; theme=***" ok=1');
  assert.equal(
    mask("req.headers.cookie=sid=abc123;t=9 ok=1"),
    "req.headers.cookie=sid=***;t=* ok=1",
  );
  assert.equal(mask('{\\"Cookie\\":\\"a=1\\"}'), '{\\"Cookie\\":\\"a=*\\"}');
  assert.equal(mask("Cookie: legacyvalue"), "Cookie: ***");
  assert.equal(mask('Set-Cookie: sid="abc123"; Secure'), 'Set-Cookie: sid="***"; Secure');
  assert.equal(
    mask('{"set-cookie":["sid=abc123; Path=/","t=\\"x9\\"; HttpOnly"],"ok":1}'),
    '{"set-cookie":["sid=***; Path=/","t=\\"**\\"; HttpOnly"],"ok":1}',
  );
  assert.equal(mask('"message":"Cookie: a=1","b":"c"'), '"message":"Cookie: a=*","b":"c"');
  // Not a cookie header: the word is not the key's last, or not a word of its own.
  assert.equal(mask("cookie_secret=abc123"), "cookie_secret=***");
  assert.equal(mask("fortunecookie=abc123"), "fortunecookie=abc123");
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
