/**
 * Reads a JavaScript object literal that holds only data (how map files ship their GeoJSON): bare or
 * quoted keys, strings, numbers, arrays, true/false/null and the minifier's !0/!1. Nothing is
 * evaluated, so the page needs no 'unsafe-eval' in its Content-Security-Policy.
 */
export function readLiteral(src: string, start: number): { value: unknown; end: number } {
  let i = start;
  const fail = (what: string): never => {
    throw new Error(`map data: ${what} at ${i}`);
  };
  const ws = () => {
    while (i < src.length && /\s/.test(src[i]!)) i++;
  };
  const expect = (chars: string) => {
    ws();
    const c = src[i++];
    if (!c || !chars.includes(c)) fail(`expected one of ${chars}`);
    return c!;
  };

  function str(): string {
    const quote = src[i++];
    let out = '';
    while (i < src.length && src[i] !== quote) {
      if (src[i] !== '\\') {
        out += src[i++];
        continue;
      }
      const n = src[i + 1];
      i += 2;
      if (n === 'u') {
        out += String.fromCharCode(parseInt(src.slice(i, i + 4), 16));
        i += 4;
      } else out += n === 'n' ? '\n' : n === 't' ? '\t' : n === 'r' ? '\r' : (n ?? '');
    }
    if (src[i] !== quote) fail('unterminated string');
    i++;
    return out;
  }

  function key(): string {
    ws();
    if (src[i] === '"' || src[i] === "'") return str();
    const m = /^[A-Za-z_$][\w$]*/.exec(src.slice(i, i + 200));
    if (!m) fail('expected a key');
    i += m![0].length;
    return m![0];
  }

  function value(): unknown {
    ws();
    const c = src[i];
    if (c === '{') {
      i++;
      const o: Record<string, unknown> = {};
      ws();
      if (src[i] === '}') return i++, o;
      for (;;) {
        const k = key();
        expect(':');
        o[k] = value();
        if (expect(',}') === '}') return o;
      }
    }
    if (c === '[') {
      i++;
      const a: unknown[] = [];
      ws();
      if (src[i] === ']') return i++, a;
      for (;;) {
        a.push(value());
        if (expect(',]') === ']') return a;
      }
    }
    if (c === '"' || c === "'") return str();
    if (c === '!' && (src[i + 1] === '0' || src[i + 1] === '1')) {
      i += 2;
      return src[i - 1] === '0';
    }
    const num = /^-?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/.exec(src.slice(i, i + 64));
    if (num) {
      i += num[0].length;
      return Number(num[0]);
    }
    for (const [word, v] of [['true', true], ['false', false], ['null', null]] as const) {
      if (src.startsWith(word, i)) {
        i += word.length;
        return v;
      }
    }
    return fail('unexpected character');
  }

  const v = value();
  return { value: v, end: i };
}

/** The GeoJSON a minified `registerMap(name, {...})` map file carries. */
export function registeredMapData(src: string): unknown {
  const at = src.indexOf('registerMap(');
  const open = at < 0 ? -1 : src.indexOf('{', at);
  if (open < 0) throw new Error('map data: no registerMap call');
  return readLiteral(src, open).value;
}
