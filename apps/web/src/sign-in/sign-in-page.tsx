/**
 * Signing in. On the embedded default the app prints a one-time link (`/?code=…`) at start: opening it
 * redeems the code (app.tsx) and removes it from the address bar. With OpenID Connect the button goes to the
 * provider. Without either there is no way in, and the page says how to get one.
 */
import { location } from '../app/router';
import { oidcSignInUrl, signInProblem } from '../app/session';
import { t } from '../i18n/i18n';
import { LanguageSelect } from '../ui/language-select';

export function SignInPage({ methods }: { readonly methods: readonly string[] }) {
  const problem = signInProblem.value;
  const path = location.value.path;
  const returnTo = path.startsWith('/app/') ? `${path}${location.value.query.size > 0 ? `?${location.value.query}` : ''}` : '/app/dashboard';
  return (
    <main class="sign-in" id="main">
      <div class="sign-in-card">
        <div class="brand">
          <span class="brand-mark" aria-hidden="true" />
          Sales-ops
        </div>
        <h1>{t('signIn.title')}</h1>
        {problem && (
          <p class="error-note" role="alert" data-testid="sign-in-problem">
            {problem.status === 0 ? t('error.unreachable') : t('signIn.codeRefused', { reason: problem.message })}
          </p>
        )}
        {methods.includes('oidc') && (
          <a class="button" href={oidcSignInUrl(returnTo)} data-testid="sign-in-oidc">
            {t('signIn.withProvider')}
          </a>
        )}
        {methods.includes('local-code') && (
          <>
            <p>{t('signIn.localCode')}</p>
            <pre class="command">npm run -s sign-in-link</pre>
          </>
        )}
        {methods.length === 0 && <p>{t('signIn.noMethod')}</p>}
<LanguageSelect showLabel />
      </div>
    </main>
  );
}
