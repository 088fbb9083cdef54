import type { ApiError } from '../api';
import type { MessageKey } from './en';

/** What to tell a guest about a failed call: by code, never the server's English text. */
export function errorMessageKey(error: ApiError): MessageKey {
  switch (error.code) {
    case 'network':
      return 'error.network';
    case 'not_found':
      return 'error.not_found';
    case 'rate_limited':
      return 'error.rate_limited';
    case 'unavailable':
      return 'error.unavailable';
    default:
      return 'error.generic';
  }
}
