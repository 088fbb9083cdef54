import type { Device, Role } from '@dinewire/protocol';
import { DinewireApi } from '@dinewire/ui/api';

/** The user as `POST /auth/login` presents it. */
export interface SessionUser {
  id: string;
  name: string;
  role: Role;
  restaurantIds: string[];
}

export interface LoginResult {
  user: SessionUser;
  token: string;
}

export interface PairResult {
  device: Device;
  token: string;
}

/** The shared API plus the staff's own calls; the token comes from the HttpClient. */
export class StaffApi extends DinewireApi {
  login(email: string, password: string): Promise<LoginResult> {
    return this.http.post<LoginResult>('/api/v1/auth/login', { email, password });
  }

  /** A screen trades the code a manager was shown for its device's token. */
  pair(pairingCode: string): Promise<PairResult> {
    return this.http.post<PairResult>('/api/v1/devices/pair', { pairingCode });
  }

  /** Ends the session cookie login also set. Not in CONTRACT.md yet: callers ignore failures. */
  logout(): Promise<unknown> {
    return this.http.post<unknown>('/api/v1/auth/logout', {});
  }
}
