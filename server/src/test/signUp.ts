import { client, eventually, type ApiResponse } from './harness';

/** Somewhere a test reads what an address received: the sandbox mailbox, or a test SMTP server's. */
export interface Inbox {
  inbox(address: string): Promise<{ text: string }[]>;
}

/** The code in the newest sign-up message to `email`. */
export async function codeSentTo(mail: Inbox, email: string, after = 0): Promise<string> {
  let code = '';
  await eventually(async () => {
    const m = (await mail.inbox(email))
      .slice(after)
      .map((x) => /Finish signing up: (\S+)/.exec(x.text)?.[1])
      .filter(Boolean)
      .at(-1);
    if (!m) throw new Error(`no sign-up code sent to ${email}`);
    code = m;
  });
  return code;
}

/** Signs up the whole way, as a person would: register, read the emailed code, verify. */
export async function signUp(
  baseUrl: string,
  mail: Inbox,
  body: { name: string; email: string; phone: string; password: string },
): Promise<ApiResponse> {
  const api = client(baseUrl);
  const before = (await mail.inbox(body.email)).length;
  const reg = await api.post('/api/v1/auth/register', body);
  if (reg.status !== 202) return reg;
  return api.post('/api/v1/auth/register/verify', { code: await codeSentTo(mail, body.email, before) });
}
