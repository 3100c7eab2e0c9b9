/**
 * The hand-written half of the generated Logstash script: Ruby versions of the
 * validators and replacement strategies named in `domain/masking/rules.ts`.
 * The generator prepends the rule table; keep the two in step when a
 * validator or strategy is added (the generator refuses unknown ones), and
 * with `domain/masking/cookie_header.ts` for cookie headers.
 */
export const RUBY_VALIDATORS = ["card", "iban", "phone", "ipv4", "ipv6", "opaque_token"] as const;
export const RUBY_STRATEGIES = ["redact", "value", "partial", "email", "ip"] as const;

export const RUBY_RUNTIME = String.raw`
require "ipaddr"

MASK_MARKER = /\A(?:\*+|\[REDACTED(?::[a-z_]+)?\]|\[[a-z_]+#[a-p]{16}\])\z/
COOKIE_ATTRIBUTES = %w[expires max-age domain path secure httponly samesite partitioned priority].freeze
COOKIE_NAME_CHAR = '[!\#$%&\'*+\-.^_\x60|~0-9A-Za-z\[\]]'
COOKIE_NAME = /\A#{COOKIE_NAME_CHAR}+\z/
COOKIE_SEPARATOR = /(;|,(?=[ \t]*(?:#{COOKIE_NAME_CHAR}+=|(?![\s\S]))))/
COOKIE_ARRAY_STRING = /\\"((?:[^"\\\r\n]|\\[^"\r\n])*)\\"|"((?:[^"\\\r\n]|\\.)*)"/

def register(params)
  @fields = params["fields"] || DEFAULT_FIELDS
  @ip_mode = params["ip_mode"] || "last_octet"
  @max_depth = (params["max_depth"] || 32).to_i
  @rules = RULES.reject { |rule| @ip_mode == "off" && rule[:strategy] == "ip" }
  @key_cache = {}
end

def filter(event)
  @fields.each do |field|
    value = event.get(field)
    next if value.nil?
    event.set(field, ip_field?(field) ? mask_ip_field(value) : mask_value(value, 0, "plain"))
  end
  [event]
end

def ip_field?(field)
  IP_FIELDS.include?(field)
end

def mask_ip_field(value)
  return value.map { |item| mask_ip_field(item) } if value.is_a?(Array)
  return mask_value(value, 0, "plain") unless value.is_a?(String)
  mask_ip(value) || mask_text(value)
end

# secrecy: "plain" (text rules), "secret" (redacted whole), or a cookie header kind (per cookie).
def mask_value(value, depth, secrecy)
  case value
  when String
    return mask_text(value) if secrecy == "plain"
    secrecy == "secret" ? redact_scalar(value) : mask_cookies(value, secrecy)
  when Numeric
    secrecy == "plain" ? value : redact_scalar(value.to_s)
  when Array
    return "[TRUNCATED]" if depth >= @max_depth
    value.map { |item| mask_value(item, depth + 1, secrecy) }
  when Hash
    return "[TRUNCATED]" if depth >= @max_depth
    value.each_with_object({}) do |(key, child), out|
      child_secrecy = secrecy == "plain" ? key_secrecy(key.to_s) : "secret"
      out[mask_text(key.to_s)] = mask_value(child, depth + 1, child_secrecy)
    end
  else
    value
  end
end

def key_secrecy(key)
  cookie_kind(key) || (sensitive_key?(key) ? "secret" : "plain")
end

def redact_scalar(text)
  return text if text.empty? || MASK_MARKER.match?(text)
  "*" * [3, text.length].min
end

def mask_text(text)
  return text if text.length < 3
  @rules.reduce(text) { |current, rule| rule[:key] ? mask_keyed(rule, current) : mask_rule(rule, current) }
end

def mask_rule(rule, text)
  text.gsub(rule[:regex]) do
    match = Regexp.last_match
    prefix = rule[:keeps_prefix] ? match[1].to_s : ""
    replace_match(rule, match[0], prefix)
  end
end

# An assignment to a key the rule is not for only uses up its key: one inside its value is still found.
def mask_keyed(rule, text)
  out = +""
  copied = 0
  from = 0
  while (match = rule[:regex].match(text, from))
    prefix = match[1].to_s
    unless key_accepted?(rule, prefix[/\A[\w.-]*/])
      from = match.begin(0) + [prefix.length, 1].max
      next
    end
    out << text[copied...match.begin(0)] << replace_match(rule, match[0], prefix)
    copied = from = match.end(0)
  end
  copied.zero? ? text : out << text[copied..-1]
end

def replace_match(rule, whole, prefix)
  secret = whole[prefix.length..-1]
  return whole if rule[:validator] && !valid?(rule[:validator], secret)
  prefix + apply_strategy(rule, secret, prefix[/\A[\w.-]*/])
end

# Sensitive keys that name a cookie header are left to the cookie rules.
def key_accepted?(rule, key)
  return !cookie_kind(key).nil? if rule[:key] == "cookie_header"
  sensitive_key?(key) && cookie_kind(key).nil?
end

def key_words(key)
  key.gsub(/([a-z0-9])([A-Z])/, '\1 \2').gsub(/([A-Z]+)([A-Z][a-z])/, '\1 \2').downcase.split(/[^a-z0-9]+/).reject(&:empty?)
end

def sensitive_key?(key)
  @key_cache.clear if @key_cache.size > 4096
  @key_cache.fetch(key) do
    words = key_words(key)
    @key_cache[key] = SENSITIVE_KEYS.any? { |run| words.each_cons(run.length).include?(run) }
  end
end

def cookie_kind(key)
  return nil unless key =~ /cookie/i
  words = key_words(key)
  return "set_cookie" if %w[setcookie setcookies].include?(words[-1])
  return nil unless %w[cookie cookies].include?(words[-1])
  words[-2] == "set" ? "set_cookie" : "cookie"
end

# A cookie list, or (headers serialised as JSON) an array of them.
def mask_cookie_header(text, kind)
  return mask_cookies(text, kind) unless text.start_with?("[")
  text.gsub(COOKIE_ARRAY_STRING) do
    match = Regexp.last_match
    match[1] ? "\\\"" + mask_cookies(match[1], kind) + "\\\"" : "\"" + mask_cookies(match[2], kind) + "\""
  end
end

def mask_cookies(text, kind)
  return text if text.empty?
  starts_cookie = true
  text.split(COOKIE_SEPARATOR, -1).each_with_index.map do |part, index|
    next mask_cookie_pair(part, kind == "cookie" || starts_cookie) if index.even?
    starts_cookie = part == ","
    part
  end.join
end

def mask_cookie_pair(pair, is_cookie)
  eq = pair.index("=")
  name = eq ? pair[0...eq] : pair
  start, stop = blank_bounds(name)
  name = start ? name[start...stop] : ""
  return pair if !is_cookie && COOKIE_ATTRIBUTES.include?(name.downcase)
  return hide_cookie_value(pair) unless eq && COOKIE_NAME.match?(name)
  pair[0..eq] + hide_cookie_value(pair[(eq + 1)..-1])
end

# Where the text starts and ends without its blanks (nil when all blank); rindex keeps it linear.
def blank_bounds(text)
  start = text.index(/[^ \t]/)
  start && [start, text.rindex(/[^ \t]/) + 1]
end

def hide_cookie_value(text)
  start, stop = blank_bounds(text)
  return text unless start
  core = text[start...stop]
  quote = if core.length >= 4 && core.start_with?("\\\"") && core.end_with?("\\\"") then 2
          elsif core.length >= 2 && core.start_with?("\"") && core.end_with?("\"") then 1
          else 0
          end
  return text if core.length - 2 * quote <= 0
  text[0...(start + quote)] + redact_scalar(core[quote...(core.length - quote)]) + text[(stop - quote)..-1]
end

def digits_of(text)
  text.gsub(/[^0-9]/, "")
end

def luhn?(digits)
  sum = 0
  digits.reverse.each_char.with_index do |char, index|
    value = char.to_i
    value *= 2 if index.odd?
    value -= 9 if value > 9
    sum += value
  end
  !digits.empty? && (sum % 10).zero?
end

def valid?(validator, text)
  case validator
  when "card"
    digits = digits_of(text)
    first = digits[0].to_i
    digits.length.between?(13, 19) && first.between?(2, 6) && (digits.length != 13 || first == 4) && luhn?(digits)
  when "iban"
    iban = text.delete(" ")
    return false unless IBAN_LENGTHS[iban[0, 2]] == iban.length
    (iban[4..-1] + iban[0, 4]).each_char.map { |c| c =~ /[A-Z]/ ? (c.ord - 55).to_s : c }.join.to_i % 97 == 1
  when "phone"
    digits_of(text).length.between?(8, 15)
  when "ipv4"
    parts = text.split(".")
    parts.length == 4 && parts.all? { |p| p =~ /\A(?:0|[1-9][0-9]{0,2})\z/ && p.to_i <= 255 }
  when "ipv6"
    ipv6?(text)
  when "opaque_token"
    !!(text =~ %r{[0-9+/=._~-]} || text[1..-1] =~ /[A-Z]/)
  else
    raise ArgumentError, "unknown validator #{validator}"
  end
end

def ipv6?(text)
  address = IPAddr.new(text)
  return false unless address.ipv6?
  text.start_with?("::") || text.gsub("::", ":").split(":").reject(&:empty?).length > 2
rescue IPAddr::Error, ArgumentError
  false
end

def mask_ip(text)
  if valid?("ipv4", text)
    return text if @ip_mode == "off"
    return @ip_mode == "full" ? "0.0.0.0" : text.sub(/\.[0-9]+\z/, ".0")
  end
  return nil unless (IPAddr.new(text).ipv6? rescue false)
  return text if @ip_mode == "off"
  @ip_mode == "full" ? "::" : IPAddr.new(text).mask(48).to_s
end

def stars(length)
  "*" * [3, length].min
end

def partial(text, keep_first, keep_last)
  total = text.count("A-Za-z0-9")
  seen = -1
  text.gsub(/[A-Za-z0-9]/) do |char|
    seen += 1
    seen < keep_first || seen >= total - keep_last ? char : "*"
  end
end

def apply_strategy(rule, secret, key)
  case rule[:strategy]
  when "redact"
    label = "[REDACTED:#{rule[:tag]}]"
    label.length <= secret.length ? label : stars(secret.length)
  when "value"
    quote = secret.start_with?("\\\"") ? "\\\"" : (secret.start_with?("\"", "'") ? secret[0] : "")
    inner = secret[quote.length...(secret.length - quote.length)]
    return secret if inner.empty? || MASK_MARKER.match?(inner)
    kind = cookie_kind(key)
    quote + (kind ? mask_cookie_header(inner, kind) : stars(inner.length)) + quote
  when "partial"
    partial(secret, rule[:keep_first], rule[:keep_last])
  when "email"
    local, domain = secret.split("@", 2)
    (local.length == 1 ? "*" : local[0] + stars(local.length - 1)) + "@" + domain
  when "ip"
    mask_ip(secret) || secret
  else
    raise ArgumentError, "unknown strategy #{rule[:strategy]}"
  end
end
`;
