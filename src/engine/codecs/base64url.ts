// Base64url without padding (RFC 4648 §5), strict: only its 64 characters, canonical form, errors that say what is wrong.

const CHUNK = 0x8000;
const ALPHABET = /^[A-Za-z0-9_-]*$/;

export function encodeBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += CHUNK) binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

export type Base64UrlDecoding = { ok: true; bytes: Uint8Array } | { ok: false; error: string };

/**
 * The bytes of base64url `text`. Refuses anything but the 64 characters (no '+', '/', '=', whitespace or '%'),
 * a length no encoder writes, and unused trailing bits that are not zero; `firstPosition` numbers characters in errors (1-based).
 */
export function decodeBase64Url(text: string, firstPosition = 1): Base64UrlDecoding {
  if (!ALPHABET.test(text)) {
    const index = text.search(/[^A-Za-z0-9_-]/);
    return { ok: false, error: describeBadCharacter(String.fromCodePoint(text.codePointAt(index)!), firstPosition + index) };
  }
  if (text.length % 4 === 1) return { ok: false, error: 'it has a length no link can have: it was probably cut short' };
  const binary = atob(text.replaceAll('-', '+').replaceAll('_', '/'));
  const bytes = Uint8Array.from(binary, (char) => char.charCodeAt(0));
  if (encodeBase64Url(bytes) !== text) return { ok: false, error: 'its last character is not one a link ends with: it was changed or cut short' };
  return { ok: true, bytes };
}

function describeBadCharacter(char: string, position: number): string {
  const at = `at character ${position}`;
  if (char === '%') return `it contains '%' ${at}: it looks percent-encoded, perhaps twice`;
  if (/\s/.test(char)) return `it contains whitespace ${at}: it may have been broken across lines`;
  if (char === '+' || char === '/' || char === '=') return `it contains '${char}' ${at}, which links never use (standard base64 instead of base64url?)`;
  const printable = /^[\x21-\x7e]$/.test(char);
  return `it contains ${printable ? `'${char}'` : `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`} ${at}, which links never use`;
}
