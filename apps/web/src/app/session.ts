/**
 * Who is signed in. The session is an HttpOnly cookie the page never sees; it asks the server who it is
 * (GET /auth/session). On the embedded default the one-time link's code opens a session that may act as any
 * rep of the roster or as the head of sales; with OpenID Connect the provider says who one is.
 */
import { signal } from '@preact/signals';
import { api, unwrap } from '../api/client';

export interface Actor {
  readonly userId: string;
  readonly role: string;
}

export type SessionState =
  | { readonly status: 'loading' }
  | { readonly status: 'signed-out'; readonly methods: readonly string[] }
  | { readonly status: 'signed-in'; readonly actor: Actor; readonly kind: string; readonly canActAs: boolean; readonly permissions: ReadonlySet<string> };

export const session = signal<SessionState>({ status: 'loading' });
/** Why the last sign-in did not succeed (a used or expired code), for the sign-in page. */
export const signInProblem = signal<{ readonly status: number; readonly message: string } | undefined>(undefined);

async function signInMethods(): Promise<readonly string[]> {
  try {
    return (await unwrap(api.GET('/auth/config'))).methods;
  } catch {
    return [];
  }
}

/** Whether the signed-in role may take an action of the permission matrix (`lead:qualify`): a page offers no other. */
export function can(permission: string): boolean {
  const current = session.value;
  return current.status === 'signed-in' && current.permissions.has(permission);
}

export async function loadSession(): Promise<void> {
  try {
    // Its 401 is the answer "nobody", not a session that ended (which would ask again, and again).
    const current = await unwrap(api.GET('/auth/session'), { reportSessionLost: false });
    session.value = { status: 'signed-in', actor: current.actor, kind: current.kind, canActAs: current.canActAs, permissions: new Set(current.permissions) };
  } catch {
    session.value = { status: 'signed-out', methods: await signInMethods() };
  }
}

/** Redeems the one-time code of the printed link; on refusal the sign-in page says why. */
export async function signInWithCode(code: string): Promise<void> {
  signInProblem.value = undefined;
  try {
    await unwrap(api.POST('/auth/local/sign-in', { body: { code } }));
  } catch (error) {
    const { status, message } = error as { status: number; message: string };
    signInProblem.value = { status, message };
  }
  await loadSession();
}

export async function actAs(choice: { repId: string } | { role: 'head-of-sales' }): Promise<void> {
  await unwrap(api.POST('/auth/session/act-as', { body: choice }));
  await loadSession();
}

export async function signOut(): Promise<void> {
  await unwrap(api.POST('/auth/sign-out')).catch(() => undefined);
  session.value = { status: 'signed-out', methods: await signInMethods() };
}

export function oidcSignInUrl(returnTo: string): string {
  return `/auth/oidc/start?returnTo=${encodeURIComponent(returnTo)}`;
}
