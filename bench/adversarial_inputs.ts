/**
 * Near-miss inputs per masking rule: units that start a match attempt and
 * fail late, repeated to any size. A rule that backtracks super-linearly
 * shows it here as a time ratio far above 4 between 256 KiB and 1 MiB.
 */
export const ADVERSARIAL_UNITS: Readonly<Record<string, readonly string[]>> = {
  pem_private_key: ["-----BEGIN A PRIVATE KEY---", "-----BEGIN PRIVATE KEY-----a\\"],
  jwt: ["eyJaaaaa.eyJ", "eyJaaaaaa.eyJaaaaaa"],
  github_token: ["ghp_aaaa", "github_pat_aaaaaaaa-"],
  slack_token: ["xoxb-", "xoxb-aaaaaaaaaaaaaaaaaaa "],
  slack_webhook: ["hooks.slack.com/services/", "hooks.slack.com/services/aaaa "],
  aws_secret_after_key_id: [
    "AKIAAAAAAAAAAAAAAAAA ",
    "AKIAAAAAAAAAAAAAAAAA,aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa ",
  ],
  aws_secret_before_key_id: [
    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa AKIA",
    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa,AKIAAAAAAAAAAAAAAAA ",
  ],
  aws_access_key_id: ["AKIA", "AKIAAAAAAAAAAAAAAAAa"],
  aws_secret_access_key: [
    "secret_key=",
    "aws_secret_access_key=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa ",
  ],
  aws_secret_after_keyword: [
    "aws secret ",
    "AWS Secret Access Key [None]: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa ",
    "secret\t",
  ],
  authorization_header: ["authorization:", "x-api-key: "],
  cookie_header: ["cookie:", 'Set-Cookie: "', "Cookie: a=1,  ", "Set-Cookie: a=b; Expires=W, 2"],
  cookie_assignment: ["cookie=", "set_cookie=a,", "a.b.c.d.e.f.g.h.i.j_", 'Cookie="a\\'],
  bearer_token: ["Bearer ", "Basic aaaaaaa "],
  secret_assignment: ["JCVV", "password", "a_", 'pin="a\\"', "pin='", "token: "],
  email: ["a@", "a.", "a@b.", "a@b.c", "a@b.cc+", "@a.b"],
  iban: ["DE89 ", "DE8937040044053201300", "DE89 AAAA AAAA"],
  payment_card: ["4111 ", "1111-1111-", "0"],
  kr_resident_registration_number: ["900101-", "9001011234567-"],
  us_ssn: ["123-45-", "123-45-678"],
  phone_number: ["+1 ", "+1 (", "010-1234-", "+12345678"],
  ipv6_address: ["a:", "::", "1:2:3:4:5:6:7:", "ffff:1.2.3."],
  ipv4_address: ["1.2.3.", "1.", "255.255.255.2555."],
};

/** `unit` repeated to `bytes` characters. */
export function adversarialInput(unit: string, bytes: number): string {
  return unit.repeat(Math.ceil(bytes / unit.length)).slice(0, bytes);
}
