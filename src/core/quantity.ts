/**
 * Kubernetes resource quantities (`250m`, `0.5`, `256Mi`, `500M`, `1e3`): parsed as the API server parses them, and
 * said in plain units for a hover. A value that is not a quantity gets the reason, so `12mb` can be explained.
 */

export type Quantity =
  { valid: true; number: string; suffix: string; units: QuantityUnits } | { valid: false; reason: string };

/** What a suffix multiplies by: `10^exponent` for decimal suffixes and exponents, `1024^power` for binary ones. */
export type QuantityUnits = { base: 10; exponent: number } | { base: 1024; power: number };

/** A quantity is short; longer values are not read (the API's own limit on a quantity string is lower still). */
const MAX_QUANTITY_CHARS = 64;
const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)/;
const BINARY: Record<string, number> = { Ki: 1, Mi: 2, Gi: 3, Ti: 4, Pi: 5, Ei: 6 };
const DECIMAL: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const EXPONENT = /^[eE][+-]?\d+$/;

/** Whether `text` starts like a number (so a field that takes a quantity can say why it is not one). */
export function looksNumeric(text: string): boolean {
  return /^[+-]?\.?\d/.test(text);
}

export function parseQuantity(written: string): Quantity {
  // The API server trims white space around a quantity (apimachinery's Quantity.UnmarshalJSON).
  const text = written.trim();
  if (text.length > MAX_QUANTITY_CHARS) return invalid(`it is longer than ${MAX_QUANTITY_CHARS} characters`);
  if (/\s/.test(text)) return invalid('a quantity has no spaces: write the number and its suffix together (`256Mi`)');
  const number = NUMBER.exec(text)?.[0];
  if (!number) return invalid('a quantity starts with a number (`250m`, `0.5`, `2Gi`)');
  const suffix = text.slice(number.length);
  if (suffix in BINARY) return { valid: true, number, suffix, units: { base: 1024, power: BINARY[suffix] } };
  if (suffix in DECIMAL) return { valid: true, number, suffix, units: { base: 10, exponent: DECIMAL[suffix] } };
  if (EXPONENT.test(suffix))
    return { valid: true, number, suffix, units: { base: 10, exponent: Number(suffix.slice(1)) } };
  return invalid(suffixProblem(suffix));
}

function invalid(reason: string): Quantity {
  return { valid: false, reason };
}

/** Why `suffix` is not one, with the suffix that was probably meant. */
function suffixProblem(suffix: string): string {
  if (/^[.\d]/.test(suffix)) return 'a quantity is one number: it has at most one decimal point and no separators';
  const unit = /^([kKmMgGtTpPeE])(i?)[bB]?$/.exec(suffix);
  if (unit) {
    const letter = unit[1] === 'k' || unit[1] === 'K' ? 'k' : unit[1].toUpperCase();
    const binary = letter === 'k' ? 'Ki' : `${letter}i`;
    return `\`${suffix}\` is not a suffix (they are case-sensitive, without \`B\`): write \`${letter}\` for powers of 1000 or \`${binary}\` for powers of 1024`;
  }
  return `\`${suffix}\` is not a suffix: use \`m\`, \`k\`, \`M\`, \`G\`, \`T\`, \`P\`, \`E\`, \`Ki\`, \`Mi\`, \`Gi\`, \`Ti\`, \`Pi\`, \`Ei\` or an exponent (\`e3\`)`;
}

/** The resource a quantity is of, from the key that holds it (`cpu`, `requests.memory`, `storage`). */
export type QuantityResource = 'cpu' | 'bytes' | 'other';

/** The resource a key of a resource list names: `cpu`, and for a quota key such as `requests.cpu` also `cpu`. */
export function resourceName(key: string): string {
  return key.replace(/^(?:requests|limits)\./, '');
}

export function quantityResource(key: string): QuantityResource {
  const name = resourceName(key);
  if (name === 'cpu') return 'cpu';
  if (name === 'memory' || name === 'storage' || name === 'ephemeral-storage' || name.startsWith('hugepages-'))
    return 'bytes';
  return key === 'sizeLimit' ? 'bytes' : 'other';
}

/**
 * One line for a hover: "`500m` = 0.5 CPU (500 millicores)", "`256Mi` = 256 MiB = 268,435,456 bytes", with a note
 * where a value is probably a mistake (`400m` of memory is 0.4 bytes) or easily confused (`500M` is not `500Mi`).
 */
export function describeQuantity(text: string, resource: QuantityResource): string {
  const q = parseQuantity(text);
  const shown = `\`${text}\``;
  if (!q.valid) return `${shown} is not a valid quantity: ${q.reason}.`;
  const exact = exactValue(q);
  if (resource === 'cpu') {
    const milli = scaled(exact, 3);
    const cores = formatDecimal(exact);
    const amount = milli.isInteger
      ? group(milli.digits)
      : formatDecimal({ digits: exact.digits, scale: exact.scale - 3 });
    const millicores = `${amount} ${amount === '1' ? 'millicore' : 'millicores'}`;
    const note = milli.isInteger ? '' : ' Kubernetes does not allow CPU precision finer than `1m`.';
    return `${shown} = ${cores} CPU (${millicores}).${note}`;
  }
  if (resource === 'bytes') {
    const named = q.units.base === 1024 ? `${q.number} ${q.suffix}B = ` : '';
    let note = '';
    if (q.suffix === 'm')
      note = ` A lower-case \`m\` means thousandths (of a byte here), not mega: write \`${q.number}M\` or \`${q.number}Mi\`.`;
    else if (/^[kMGTPE]$/.test(q.suffix)) {
      const binary = parseQuantity(`${q.number}${q.suffix === 'k' ? 'K' : q.suffix}i`);
      if (binary.valid)
        note = ` \`${q.suffix}\` is decimal (powers of 1000); \`${binary.number}${binary.suffix}\` would be ${bytesText(exactValue(binary))}.`;
    }
    return `${shown} = ${named}${bytesText(exact)}.${note}`;
  }
  return `${shown} = ${formatDecimal(exact)}.`;
}

type ValidQuantity = Extract<Quantity, { valid: true }>;

function bytesText(exact: Exact): string {
  const bytes = scaled(exact, 0);
  return `${bytes.isInteger ? group(bytes.digits) : formatDecimal(exact)} bytes`;
}

/** A quantity's exact value as `digits / 10^scale` (binary powers are whole numbers, so this is exact). */
interface Exact {
  digits: bigint;
  scale: number;
}

/** The exponents a hover states exactly; beyond them the value is too large or too small to say digit by digit. */
const MAX_EXACT_EXPONENT = 40;

function exactValue(q: ValidQuantity): Exact {
  const negative = q.number.startsWith('-');
  const unsigned = q.number.replace(/^[+-]/, '');
  const [whole, fraction = ''] = unsigned.split('.');
  let digits = BigInt((whole || '0') + fraction);
  let scale = fraction.length;
  if (q.units.base === 1024) digits *= 1024n ** BigInt(q.units.power);
  else {
    const exponent = Math.max(-MAX_EXACT_EXPONENT, Math.min(MAX_EXACT_EXPONENT, q.units.exponent));
    if (exponent >= 0) digits *= 10n ** BigInt(exponent);
    else scale -= exponent;
  }
  return { digits: negative ? -digits : digits, scale };
}

/** `exact` × 10^`shift`, and whether that is a whole number. */
function scaled(exact: Exact, shift: number): { digits: bigint; isInteger: boolean } {
  const scale = exact.scale - shift;
  if (scale <= 0) return { digits: exact.digits * 10n ** BigInt(-scale), isInteger: true };
  const divisor = 10n ** BigInt(scale);
  return { digits: exact.digits / divisor, isInteger: exact.digits % divisor === 0n };
}

/** "0.5", "1,500", "0.000000001": the exact decimal, without trailing zeros. */
function formatDecimal(exact: Exact): string {
  const negative = exact.digits < 0n;
  const text = (negative ? -exact.digits : exact.digits).toString().padStart(exact.scale + 1, '0');
  const whole = text.slice(0, text.length - exact.scale);
  const fraction = text.slice(text.length - exact.scale).replace(/0+$/, '');
  return `${negative ? '-' : ''}${group(BigInt(whole))}${fraction ? '.' + fraction : ''}`;
}

function group(n: bigint): string {
  const negative = n < 0n;
  const digits = (negative ? -n : n).toString();
  return (negative ? '-' : '') + digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
