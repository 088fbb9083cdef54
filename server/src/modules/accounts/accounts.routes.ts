import {
  AccountEraseSchema,
  LoginSchema,
  ProfileUpdateSchema,
  RegisterSchema,
  RegisterVerifySchema,
  SignInCodeRequestSchema,
  SignInCodeVerifySchema,
} from '@dinewire/protocol';
import type { Router } from 'express';
import type { Services } from '../../context';
import { SESSION_COOKIE } from '../../http/auth';
import { ctxOf } from '../../http/handler';
import { AppError } from '../../errors';
import { emailLookupHash } from '../../lib/pii';
import { parse } from '../../http/validate';
import { login } from './accounts.service';
import { eraseAccount, exportAccount, myProfile, updateProfile } from './profile';
import type { LoginProtection } from './loginProtection';
import { register, verifyRegistration } from './registration';
import { revokeSession } from './sessions';
import { requestSignInCode, verifySignInCode } from './signInCodes';
import type { SignInCodeThrottle } from './signInCodeThrottle';
import type { SignUpMailThrottle } from './signUpMailThrottle';

const COOKIE = { httpOnly: true, sameSite: 'strict' as const, path: '/', maxAge: 14 * 24 * 3600 * 1000 };

export function accountsRoutes(
  r: Router,
  s: Services,
  guards: { protection: LoginProtection | null; signUpMail: SignUpMailThrottle | null; signInCode: SignInCodeThrottle },
): void {
  const { protection } = guards;
  r.post('/auth/login', async (req, res) => {
    const body = parse(LoginSchema, req.body);
    const ip = req.ip ?? 'unknown';
    // Failures are counted under the address's keyed hash: Redis holds no email.
    const account = emailLookupHash(s.config.piiKey, body.email);
    await protection?.check(account, ip);
    let result: Awaited<ReturnType<typeof login>>;
    try {
      result = await login(ctxOf(s, req, res), body);
    } catch (err) {
      if (err instanceof AppError && err.code === 'unauthenticated') await protection?.failed(account, ip);
      throw err;
    }
    await protection?.succeeded(account, ip);
    res.cookie(SESSION_COOKIE, result.token, { ...COOKIE, secure: req.secure });
    res.json(result);
  });

  // 202 whatever the address: the emailed code finishes signing up (register/verify).
  r.post('/auth/register', async (req, res) => {
    const body = parse(RegisterSchema, req.body);
    res.status(202).json(await register(ctxOf(s, req, res), body, guards.signUpMail));
  });

  r.post('/auth/register/verify', async (req, res) => {
    const body = parse(RegisterVerifySchema, req.body);
    const result = await verifyRegistration(ctxOf(s, req, res), body);
    res.cookie(SESSION_COOKIE, result.token, { ...COOKIE, secure: req.secure });
    res.status(201).json(result);
  });

  // 202 whatever the contact: the code goes to the email or phone of the account that has it.
  r.post('/auth/code', async (req, res) => {
    const body = parse(SignInCodeRequestSchema, req.body);
    res.status(202).json(await requestSignInCode(ctxOf(s, req, res), body, { throttle: guards.signInCode, ip: req.ip ?? 'unknown' }));
  });

  r.post('/auth/code/verify', async (req, res) => {
    const body = parse(SignInCodeVerifySchema, req.body);
    const result = await verifySignInCode(ctxOf(s, req, res), body, { throttle: guards.signInCode, ip: req.ip ?? 'unknown' });
    res.cookie(SESSION_COOKIE, result.token, { ...COOKIE, secure: req.secure });
    res.json(result);
  });

  r.post('/auth/logout', async (_req, res) => {
    const actor = res.locals.actor;
    if (actor.kind !== 'anonymous') {
      await revokeSession(s.sequelize, actor.sessionId);
      s.revoked({ sessionIds: [actor.sessionId] });
    }
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    res.status(204).end();
  });

  r.get('/me', async (req, res) => {
    res.json({ user: await myProfile(ctxOf(s, req, res)) });
  });

  r.get('/me/export', async (req, res) => {
    res.setHeader('content-disposition', 'attachment; filename="dinewire-account.json"');
    res.json(await exportAccount(ctxOf(s, req, res)));
  });

  r.patch('/me', async (req, res) => {
    const body = parse(ProfileUpdateSchema, req.body);
    res.json({ user: await updateProfile(ctxOf(s, req, res), body) });
  });

  // Erasing ends every session, this one too: the cookie goes with it.
  r.delete('/me', async (req, res) => {
    const body = parse(AccountEraseSchema, req.body);
    await eraseAccount(ctxOf(s, req, res), body);
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    res.status(204).end();
  });
}
