/** The web front end: one page for the head of sales (dashboard, team) and the reps (their queue). */
import { render } from 'preact';
import { App } from './app/app';
import { locale } from './i18n/i18n';
import './styles.css';

document.documentElement.lang = locale.value;
render(<App />, document.getElementById('root')!);
