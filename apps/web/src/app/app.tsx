/**
 * The page's root: signs in (the one-time code of the printed link, or OpenID Connect), then shows the route.
 * A 401 from any call brings the sign-in back; the live connection runs while someone is signed in.
 */
import { useEffect } from 'preact/hooks';
import { sessionLost } from '../api/client';
import { DashboardPage } from '../dashboard/dashboard-page';
import { t } from '../i18n/i18n';
import { startLive, stopLive } from '../live/live-updates';
import { AccountPage } from '../accounts/account-page';
import { DealPage } from '../deals/deal-page';
import { LeadPage } from '../leads/lead-page';
import { TaskPage } from '../tasks/task-page';
import { MyQueuePage } from '../queue/my-queue-page';
import { SignInPage } from '../sign-in/sign-in-page';
import { RepPage } from '../team/rep-page';
import { TeamPage } from '../team/team-page';
import { location, match, navigate } from './router';
import { loadSession, session, signInWithCode } from './session';
import { Shell } from './shell';

/** Roles that read the KPIs; the others start at their own queue. */
export const READS_KPIS = ['head-of-sales', 'analyst', 'service'];

/** Asks who is signed in, or redeems the one-time code of the printed link: the page's first request (main.tsx). */
export function beginSession(): void {
  const code = location.value.query.get('code');
  if (code === null) {
    void loadSession();
    return;
  }
  // The code is single-use: out of the address bar (and the history) before anything else.
  navigate('/', {}, { replace: true });
  void signInWithCode(code);
}

export function App() {
  const lost = sessionLost.value;
  useEffect(() => {
    if (lost > 0) void loadSession();
  }, [lost]);

  const current = session.value;
  useEffect(() => {
    if (current.status === 'signed-in') startLive();
    else stopLive();
  }, [current.status]);

  const { path } = location.value;
  if (current.status === 'loading') return <p class="page-loading">{t('app.loading')}</p>;
  if (current.status === 'signed-out') return <SignInPage methods={current.methods} />;

  const home = READS_KPIS.includes(current.actor.role) ? '/app/dashboard' : '/app/queue';
  let page;
  if (path === '/app/dashboard') page = <DashboardPage />;
  else if (path === '/app/team') page = <TeamPage />;
  else if (path === '/app/queue') page = <MyQueuePage />;
  else {
    const rep = match('/app/team/:repId', path);
    const lead = match('/app/leads/:leadId', path);
    const deal = match('/app/deals/:dealId', path);
    const account = match('/app/accounts/:accountId', path);
    const task = match('/app/tasks/:taskId', path);
    if (rep) page = <RepPage repId={rep.repId!} />;
    else if (lead) page = <LeadPage leadId={lead.leadId!} />;
    else if (deal) page = <DealPage dealId={deal.dealId!} />;
    else if (account) page = <AccountPage accountId={account.accountId!} />;
    else if (task) page = <TaskPage taskId={task.taskId!} />;
    else {
      queueMicrotask(() => navigate(home, {}, { replace: true }));
      page = null;
    }
  }
  return <Shell>{page}</Shell>;
}
