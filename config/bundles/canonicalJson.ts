/**
 * Canonical JSON: the exact bytes a config bundle signature covers (see config/bundles/README.md).
 *
 * - `null`, `true`, `false` as in JSON;
 * - numbers: finite only, written as ECMAScript Number::toString writes them (what
 *   JSON.stringify writes: `1`, `1.5`, `1e+21`, `-0` becomes `0`);
 * - strings: `"` and `\` escaped as `\"` and `\\`; U+0008, U+0009, U+000A, U+000C, U+000D as
 *   `\b \t \n \f \r`; other U+0000–U+001F as `\u00xx` (lowercase hex); every other character
 *   written as itself. A lone surrogate is an error (it has no UTF-8 encoding);
 * - arrays: elements in order, separated by `,`;
 * - objects: members sorted by key, comparing keys as sequences of UTF-16 code units (what
 *   Array.prototype.sort does), written `"key":value` and separated by `,`;
 * - no whitespace anywhere; the text is encoded as UTF-8, without a byte-order mark.
 *
 * For the values JSON.parse produces this is the JSON Canonicalization Scheme, RFC 8785, so
 * other languages can reproduce the bytes with an off-the-shelf JCS library.
 */
export function canonicalJson(value: unknown): string {
  return write(value, '');
}

export function canonicalJsonBytes(value: unknown): Uint8Array {
  return new TextEncoder().encode(canonicalJson(value));
}

/** Why a value has no canonical form; `path` says where (e.g. "config.hall.name"). */
export class CanonicalJsonError extends Error {
  constructor(
    readonly path: string,
    readonly problem: string,
  ) {
    super(path ? `${path}: ${problem}` : problem);
    this.name = 'CanonicalJsonError';
  }
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function write(value: unknown, path: string): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new CanonicalJsonError(path, `${value} is not a JSON number`);
      return JSON.stringify(value);
    case 'string':
      return writeString(value, path);
    case 'object':
      if (Array.isArray(value)) return `[${value.map((item, i) => write(item, `${path}[${i}]`)).join(',')}]`;
      if (Object.getPrototypeOf(value) !== Object.prototype && Object.getPrototypeOf(value) !== null) {
        throw new CanonicalJsonError(path, 'only plain objects have a JSON form');
      }
      return `{${Object.keys(value)
        .sort()
        .map((key) => {
          const child = (value as Record<string, unknown>)[key];
          return `${writeString(key, path)}:${write(child, path ? `${path}.${key}` : key)}`;
        })
        .join(',')}}`;
    default:
      throw new CanonicalJsonError(path, `a ${typeof value} has no JSON form`);
  }
}

function writeString(text: string, path: string): string {
  if (LONE_SURROGATE.test(text)) throw new CanonicalJsonError(path, 'text contains a lone UTF-16 surrogate');
  // JSON.stringify (ES2019+) escapes exactly the characters listed above, in lowercase hex.
  return JSON.stringify(text);
}
