import type { ApiError } from '../api/http';
import type { MessageParams } from './format';
import type { UiMessageKey } from './messages';

export interface ErrorMessage {
  key: UiMessageKey;
  params?: MessageParams;
}

/** What to tell someone about a failed call: by code, in their language, never the server's English. */
export function errorMessage(error: ApiError): ErrorMessage {
  switch (error.code) {
    case 'network':
    case 'unauthenticated':
    case 'forbidden':
    case 'not_found':
    case 'rate_limited':
    case 'unavailable':
    case 'validation':
      return { key: `error.${error.code}` };
    default:
      return { key: 'error.generic', params: { code: error.code } };
  }
}
