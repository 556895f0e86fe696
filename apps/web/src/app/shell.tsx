/** The frame of every page: navigation, language, who is signed in (and whom they act as), the service's health. */
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { serviceTrouble } from '../api/client';
import { t } from '../i18n/i18n';
import { formatTime } from '../i18n/format';
import { liveState, liveUpdatedAt } from '../live/live-updates';
import { LanguageSelect } from '../ui/language-select';
import { ROLE_ORDER, roleName } from '../ui/roles';
import { READS_KPIS } from './app';
import { href, location, navigate } from './router';
import { repName, roster, useRoster } from './roster';
import { actAs, can, session, signOut } from './session';

/** Every rep role has a queue of their own (GET /queues/me); analysts and services do not. */
const HAS_A_QUEUE = ['lead-generator', 'hunter', 'closer', 'farmer', 'kam', 'sales-assistant', 'head-of-sales'];

function NavLink({ path, children }: { readonly path: string; readonly children: ComponentChildren }) {
  const current = location.value.path === path || location.value.path.startsWith(`${path}/`);
  return (
    <a
      href={href(path)}
      aria-current={current ? 'page' : undefined}
      onClick={(event) => {
        event.preventDefault();
        navigate(path);
      }}
    >
      {children}
    </a>
  );
}

function LiveIndicator() {
  const state = liveState.value;
  const at = liveUpdatedAt.value;
  return (
    // When the last update came is the indicator's title (shown on hover), not more words in a full header.
    <span
      class={`live live-${state}`}
      role="status"
      aria-live="polite"
      data-testid="live-state"
      title={state === 'open' && at !== null ? `${t('live.on')} ${t('live.updatedAt', { time: formatTime(at) })}` : undefined}
    >
      <span class="live-dot" aria-hidden="true" />
      {state === 'open' ? t('live.on') : state === 'off' ? t('live.off') : t('live.reconnecting')}
    </span>
  );
}

function ActAs() {
  const current = session.value;
  const [problem, setProblem] = useState<string | undefined>();
  const reps = roster.value;
  if (current.status !== 'signed-in' || !current.canActAs) return null;
  const value = current.actor.role === 'head-of-sales' ? 'head-of-sales' : `rep:${current.actor.userId}`;
  const byRole = ROLE_ORDER.map((role) => ({ role, reps: (reps ?? []).filter((rep) => rep.role === role && !rep.left) })).filter((group) => group.reps.length > 0);
  return (
    <label class="act-as">
      <span>{t('session.actAs')}</span>
      <select
        value={value}
        data-testid="act-as"
        onChange={(event) => {
          const choice = (event.target as HTMLSelectElement).value;
          setProblem(undefined);
          actAs(choice === 'head-of-sales' ? { role: 'head-of-sales' } : { repId: choice.slice(4) })
            .then(() => navigate(choice === 'head-of-sales' ? '/app/dashboard' : '/app/queue'))
            .catch((error: Error) => setProblem(error.message));
        }}
      >
        <option value="head-of-sales">{roleName('head-of-sales')}</option>
        {byRole.map((group) => (
          <optgroup key={group.role} label={roleName(group.role, true)}>
            {group.reps.map((rep) => (
              <option key={rep.repId} value={`rep:${rep.repId}`}>
                {rep.name}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
      {problem && <span class="error-note" role="alert">{problem}</span>}
    </label>
  );
}

export function Shell({ children }: { readonly children: ComponentChildren }) {
  const current = session.value;
  const trouble = serviceTrouble.value;
  const who = current.status === 'signed-in' ? `${current.actor.userId}|${current.actor.role}` : '';
  useRoster(who);
  if (current.status !== 'signed-in') return null;
  const readsKpis = READS_KPIS.includes(current.actor.role);
  return (
    <>
      <a class="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header class="app-header">
        <div class="brand">
          <span class="brand-mark" aria-hidden="true" />
          Sales-ops
        </div>
        <nav aria-label={t('nav.label')}>
          {readsKpis && <NavLink path="/app/dashboard">{t('nav.dashboard')}</NavLink>}
          {readsKpis && <NavLink path="/app/team">{t('nav.team')}</NavLink>}
          {HAS_A_QUEUE.includes(current.actor.role) && <NavLink path="/app/queue">{t('nav.queue')}</NavLink>}
          {can('lead:import') && <NavLink path="/app/import">{t('nav.import')}</NavLink>}
          {can('call-script:write') && <NavLink path="/app/scripts">{t('nav.scripts')}</NavLink>}
        </nav>
        <div class="header-tools">
          <LiveIndicator />
          <LanguageSelect />
          <ActAs />
          {/* With "act as" the select names whom the session acts as: the line stays for screen readers only. */}
          <span class={current.canActAs ? 'signed-in visually-hidden' : 'signed-in'} data-testid="signed-in-as">
            {t('session.signedInAs', { user: repName(current.actor.userId) ?? current.actor.userId, role: roleName(current.actor.role) })}
          </span>
          <button type="button" class="button-quiet" onClick={() => void signOut()}>
            {t('session.signOut')}
          </button>
        </div>
      </header>
      {trouble && (
        <div class="banner" role="alert" data-testid="service-banner">
          {trouble === 'unreachable' ? t('banner.unreachable') : t('banner.storeUnavailable')}
        </div>
      )}
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
