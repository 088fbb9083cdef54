import { isSafeText, UNSAFE_TEXT_MESSAGE } from '@dinewire/protocol';
import express, { type RequestHandler } from 'express';
import { fieldError } from '../errors';

/**
 * JSON bodies as the API accepts them: a duplicate key is refused (parsers disagree on which
 * one wins), and so is any string, key or value, that PostgreSQL could not store as sent
 * (NUL, unpaired surrogates), wherever it sits, so nothing is stored altered or fails as a 500.
 */
export function jsonBody(limit: string): RequestHandler[] {
  return [
    express.json({
      limit,
      strict: true,
      verify: (_req, _res, buf) => {
        const duplicate = findDuplicateKey(buf.toString('utf8'));
        if (duplicate) throw fieldError(duplicate, 'duplicate key');
      },
    }),
    (req, _res, next) => {
      const bad = findUnsafeText(req.body, []);
      if (bad) throw fieldError(bad.length ? bad.join('.') : 'body', UNSAFE_TEXT_MESSAGE);
      next();
    },
  ];
}

interface Frame {
  /** Keys seen so far; null for an array. */
  keys: Set<string> | null;
  index: number;
  key: string | null;
}

/** The path of the first repeated key in a JSON text, or null (also for text that is not JSON: the parser reports that). */
export function findDuplicateKey(text: string): string | null {
  const stack: Frame[] = [];
  let expectKey = false;
  const pathOf = (last: string) =>
    [...stack.slice(0, -1).map((f) => (f.keys ? f.key : String(f.index))), last].filter((p) => p !== null).join('.');
  try {
    for (let i = 0; i < text.length; i++) {
      const c = text[i];
      if (c === '"') {
        let j = i + 1;
        while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
        const top = stack[stack.length - 1];
        if (top?.keys && expectKey) {
          const key = JSON.parse(text.slice(i, j + 1)) as string;
          if (top.keys.has(key)) return pathOf(key);
          top.keys.add(key);
          top.key = key;
          expectKey = false;
        }
        i = j;
      } else if (c === '{') {
        stack.push({ keys: new Set(), index: 0, key: null });
        expectKey = true;
      } else if (c === '[') {
        stack.push({ keys: null, index: 0, key: null });
      } else if (c === '}' || c === ']') {
        stack.pop();
        expectKey = false;
      } else if (c === ',') {
        const top = stack[stack.length - 1];
        if (top?.keys) expectKey = true;
        else if (top) top.index++;
      }
    }
  } catch {
    return null;
  }
  return null;
}

/** The path of the first string (key or value) that is not safe text, or null. */
export function findUnsafeText(value: unknown, path: string[]): string[] | null {
  if (typeof value === 'string') return isSafeText(value) ? null : path;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const bad = findUnsafeText(value[i], [...path, String(i)]);
      if (bad) return bad;
    }
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (!isSafeText(k)) return [...path, [...k].map((ch) => (isSafeText(ch) ? ch : '\uFFFD')).join('')];
      const bad = findUnsafeText(v, [...path, k]);
      if (bad) return bad;
    }
  }
  return null;
}
