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
    if (!actor) {
      // A session cookie holding it (a guest's phone, signed out elsewhere or expired) goes with the
      // refusal: the next call is anonymous rather than refused for as long as the browser keeps it.
      if (req.headers.cookie && parseCookie(req.headers.cookie)[SESSION_COOKIE] === token) res.clearCookie(SESSION_COOKIE, { path: '/' });
      throw unauthenticated('The token is not valid, expired or revoked.');
    }
    res.locals.actor = actor;
    next();
  };
}
