/**
 * The page's root: signs in (the one-time code of the printed link, or OpenID Connect), then shows the route.
 * A 401 from any call brings the sign-in back; the live connection runs while someone is signed in.
 */
import { useEffect } from 'preact/hooks';
import { sessionLost } from '../api/client';
import { DashboardPage } from '../dashboard/dashboard-page';
import { t } from '../i18n/i18n';
import { startLive, stopLive } from '../live/live-updates';
import { MyQueuePage } from '../queue/my-queue-page';
import { SignInPage } from '../sign-in/sign-in-page';
import { RepPage } from '../team/rep-page';
import { TeamPage } from '../team/team-page';
import { location, match, navigate } from './router';
import { loadSession, session, signInWithCode } from './session';
import { Shell } from './shell';
import { workspacePages } from './workspace-loader';

/** The page of a reps' workspace route (from the workspace chunk), if the path is one. */
function workspaceRoute(path: string): ((pages: NonNullable<ReturnType<typeof workspacePages>>) => preact.JSX.Element) | undefined {
  if (path === '/app/import') return (pages) => <pages.LeadImportPage />;
  if (path === '/app/scripts') return (pages) => <pages.CallScriptsPage />;
  const lead = match('/app/leads/:leadId', path);
  if (lead) return (pages) => <pages.LeadPage leadId={lead.leadId!} />;
  const deal = match('/app/deals/:dealId', path);
  if (deal) return (pages) => <pages.DealPage dealId={deal.dealId!} />;
  const account = match('/app/accounts/:accountId', path);
  if (account) return (pages) => <pages.AccountPage accountId={account.accountId!} />;
  const task = match('/app/tasks/:taskId', path);
  if (task) return (pages) => <pages.TaskPage taskId={task.taskId!} />;
  return undefined;
}

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
    const item = workspaceRoute(path);
    if (rep) page = <RepPage repId={rep.repId!} />;
    else if (item) {
      const pages = workspacePages();
      page = pages ? item(pages) : <p class="page-loading">{t('app.loading')}</p>;
    } else {
      queueMicrotask(() => navigate(home, {}, { replace: true }));
      page = null;
    }
  }
  return <Shell>{page}</Shell>;
}
