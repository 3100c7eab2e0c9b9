import assert from "node:assert/strict";
import { cookieHeaderKind, maskCookieList } from "./cookie_header.ts";

const hide = (value: string) => (value.startsWith("*") ? value : "*");

Deno.test("cookie header keys: the last word is cookie(s), set-cookie keeps attributes", () => {
  assert.equal(cookieHeaderKind("Cookie"), "cookie");
  assert.equal(cookieHeaderKind("http.request.headers.cookie"), "cookie");
  assert.equal(cookieHeaderKind("cookies"), "cookie");
  assert.equal(cookieHeaderKind("Set-Cookie"), "set_cookie");
  assert.equal(cookieHeaderKind("setCookie"), "set_cookie");
  assert.equal(cookieHeaderKind("SETCOOKIE"), "set_cookie");
  for (const key of ["cookie_secret", "fortunecookie", "x-cookie-id", "token", ""]) {
    assert.equal(cookieHeaderKind(key), undefined, key);
  }
});

Deno.test("every cookie value is hidden; blanks, quotes and empty values stay", () => {
  assert.equal(maskCookieList("a=1; b=2", "cookie", hide), "a=*; b=*");
  assert.equal(maskCookieList(' a="q" ;b=;c', "cookie", hide), ' a="*" ;b=;*');
  assert.equal(maskCookieList('a=\\"q\\"', "cookie", hide), 'a=\\"*\\"');
  // In a request, a pair named like an attribute is still a cookie.
  assert.equal(maskCookieList("Path=/secret", "cookie", hide), "Path=*");
});

Deno.test("Set-Cookie: the first pair of each folded cookie is hidden, known attributes kept", () => {
  assert.equal(
    maskCookieList(
      "id=a; Expires=Wed, 21 Oct 2026 07:28:00 GMT; Path=/; Partitioned, b=2; priority=High; Foo=bar",
      "set_cookie",
      hide,
    ),
    "id=*; Expires=Wed, 21 Oct 2026 07:28:00 GMT; Path=/; Partitioned, b=*; priority=High; Foo=*",
  );
  assert.equal(maskCookieList("path=abc; Path=/", "set_cookie", hide), "path=*; Path=/");
  assert.equal(maskCookieList("nameless; Secure; odd", "set_cookie", hide), "*; Secure; *");
});
