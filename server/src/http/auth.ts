import { parse as parseCookie } from 'cookie';
import type { NextFunction, Request, Response } from 'express';
import type { Actor } from '../context';
import { unauthenticated } from '../errors';
import type { SessionCache } from '../modules/accounts/sessionCache';

export const SESSION_COOKIE = 'dw_session';

/** The bearer token of a request: the Authorization header, else the session cookie. */
export function tokenOf(headers: { authorization?: string; cookie?: string }): string | null {
  const h = headers.authorization;
  if (h) {
    const m = /^Bearer\s+(\S+)$/i.exec(h);
    return m ? m[1] : h;
  }
  if (headers.cookie) return parseCookie(headers.cookie)[SESSION_COOKIE] ?? null;
  return null;
}

declare module 'express-serve-static-core' {
  interface Locals {
    actor: Actor;
    requestId: string;
  }
}

/** Resolves the caller; a token that is present but not valid is refused, not treated as anonymous. */
export function authenticate(sessions: SessionCache) {
  return async (req: Request, res: Response, next: NextFunction) => {
    const token = tokenOf(req.headers);
    if (!token) {
      res.locals.actor = { kind: 'anonymous' };
      return next();
    }
    const actor = await sessions.resolve(token);
    if (!actor) throw unauthenticated('The token is not valid, expired or revoked.');
    res.locals.actor = actor;
    next();
  };
}
