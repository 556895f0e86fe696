/** The web front end: one page for the head of sales (dashboard, team) and the reps (their queue). */
import { render } from 'preact';
import { App, beginSession } from './app/app';
import { location } from './app/router';
import { preloadCharts } from './charts/chart';
import { startDashboardLoads } from './dashboard/dashboard-loads';
import { locale } from './i18n/i18n';
import './styles.css';

document.documentElement.lang = locale.value;
beginSession();
// The dashboard's figures are asked for at once, beside the question who is signed in (not after it), and the
// charts' code is evaluated while the server computes them.
if (location.value.path === '/app/dashboard' && !location.value.query.has('code')) {
  startDashboardLoads(location.value.query, Date.now());
  preloadCharts();
}
render(<App />, document.getElementById('root')!);
