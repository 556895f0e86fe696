/** An API error as a sentence, at the place it concerns: which role may see it (403), what to do (503). */
import type { ApiError } from '../api/client';
import { t } from '../i18n/i18n';
import { roleList } from './roles';

export function errorSentence(error: ApiError): string {
  switch (error.status) {
    case 0:
      return t('error.unreachable');
    case 403:
      return error.allowedRoles && error.allowedRoles.length > 0
        ? t('error.forbiddenRoles', { roles: roleList(error.allowedRoles) })
        : t('error.forbidden', { reason: error.message });
    case 503:
      return t('error.unavailable');
    default:
      return error.field ? t('error.field', { field: error.field, reason: error.message }) : error.message;
  }
}

export function ErrorNote({ error }: { readonly error: ApiError }) {
  return (
    <p class={`error-note${error.status === 503 || error.status === 0 ? ' is-warning' : ''}`} role="alert">
      {errorSentence(error)}
    </p>
  );
}
