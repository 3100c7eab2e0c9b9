import assert from "node:assert/strict";
import { formatIpv6, maskIpAddress, parseIpv4, parseIpv6 } from "./ip.ts";

Deno.test("parseIpv4 accepts dotted quads and rejects out-of-range or padded octets", () => {
  assert.deepEqual(parseIpv4("192.168.1.20"), [192, 168, 1, 20]);
  assert.equal(parseIpv4("256.1.1.1"), undefined);
  assert.equal(parseIpv4("01.2.3.4"), undefined);
  assert.equal(parseIpv4("1.2.3"), undefined);
});

Deno.test("parseIpv6 handles compression, IPv4 tails and rejects times and MACs", () => {
  assert.deepEqual(parseIpv6("2001:db8::1"), [0x2001, 0xdb8, 0, 0, 0, 0, 0, 1]);
  assert.deepEqual(parseIpv6("::1"), [0, 0, 0, 0, 0, 0, 0, 1]);
  assert.deepEqual(parseIpv6("::ffff:192.0.2.1"), [0, 0, 0, 0, 0, 0xffff, 0xc000, 0x0201]);
  assert.deepEqual(parseIpv6("1:2:3:4:5:6:1.2.3.4"), [1, 2, 3, 4, 5, 6, 0x102, 0x304]);
  assert.equal(parseIpv6("12:34:56"), undefined);
  assert.equal(parseIpv6("00:1a:2b:3c:4d:5e"), undefined);
  assert.equal(parseIpv6("1::2::3"), undefined);
});

Deno.test("formatIpv6 follows RFC 5952", () => {
  assert.equal(formatIpv6([0x2001, 0xdb8, 0, 0, 1, 0, 0, 1]), "2001:db8::1:0:0:1");
  assert.equal(formatIpv6([0x2001, 0xdb8, 0x85a3, 0, 0, 0, 0, 0]), "2001:db8:85a3::");
  assert.equal(formatIpv6([1, 0, 2, 3, 4, 5, 6, 7]), "1:0:2:3:4:5:6:7");
});

Deno.test("maskIpAddress keeps valid addresses in every mode and is idempotent", () => {
  assert.equal(maskIpAddress("10.1.2.3", "last_octet"), "10.1.2.0");
  assert.equal(maskIpAddress("10.1.2.3", "full"), "0.0.0.0");
  assert.equal(maskIpAddress("10.1.2.3", "off"), "10.1.2.3");
  assert.equal(
    maskIpAddress("2001:db8:85a3:8d3:1319:8a2e:370:7348", "last_octet"),
    "2001:db8:85a3::",
  );
  assert.equal(maskIpAddress("2001:db8:85a3::", "last_octet"), "2001:db8:85a3::");
  assert.equal(maskIpAddress("fe80::1", "full"), "::");
  assert.equal(maskIpAddress("not-an-ip", "full"), undefined);
});
