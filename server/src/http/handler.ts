import type { Locale } from '@dinewire/protocol';
import type { Request, Response } from 'express';
import type { Ctx, Services } from '../context';
import { IdSchema } from '@dinewire/protocol';
import { fieldError } from '../errors';

/** The command context of a request. */
export function ctxOf(services: Services, req: Request, res: Response): Ctx {
  return { ...services, actor: res.locals.actor, requestId: res.locals.requestId, ip: req.ip ?? 'unknown' };
}

/** A path id: a malformed one is a 400 naming the parameter. */
export function idParam(req: Request, name: string): string {
  const value = req.params[name];
  if (!IdSchema.safeParse(value).success) throw fieldError(name, 'not a valid id');
  return value as string;
}

/** `?lang=`, else the browser's Accept-Language, else English. */
export function langOf(req: Request, explicit?: Locale): Locale {
  if (explicit) return explicit;
  const header = (req.headers['accept-language'] ?? '').toLowerCase();
  for (const part of header.split(',')) {
    const tag = part.split(';')[0].trim();
    if (tag.startsWith('zh-hant') || tag === 'zh-tw' || tag === 'zh-hk' || tag === 'zh-mo') return 'zh-Hant';
    if (tag.startsWith('zh')) return 'zh-Hans';
    if (tag.startsWith('en')) return 'en';
  }
  return 'en';
}

/**
 * The origin guests reach this hotel on: PUBLIC_ORIGIN when set, else the request's own (its
 * Host, and X-Forwarded-Proto/-Host only from the balancers `trust proxy` believes). A forged
 * Host cannot reach a guest through this: only a signed-in manager sees the answer, and prints
 * what they see.
 */
export function publicOriginOf(req: Request, publicOrigin: string | undefined): string {
  return publicOrigin ?? `${req.protocol}://${req.host}`;
}
