import type { ApiError } from '../api';
import type { MessageKey } from './en';
import type { MessageParams } from './i18n.svelte';

/** What to tell staff about a failed call: by code, in their language. */
export function errorMessage(error: ApiError): { key: MessageKey; params?: MessageParams } {
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
