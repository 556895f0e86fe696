/**
 * The embedded default's way in for a browser: a one-time link the app prints at start (and the
 * `sign-in-link` CLI makes), redeemed for a session that may act as anyone in the roster.
 */
import type { Actor } from '#libs/contracts';
import { PublicUrl } from './public-url';
import { SignInCodes, signInLink } from './sign-in-code';

/** Who a local session is until it acts as a rep of the roster. */
export const LOCAL_HEAD_OF_SALES: Actor = { userId: 'local-head-of-sales', role: 'head-of-sales' };

export class LocalSignIn {
  /** `codes`: undefined when the app verifies an OIDC provider's tokens (no local sign-in then). */
  constructor(
    readonly codes: SignInCodes | undefined,
    private readonly publicUrl: PublicUrl,
  ) {}

  /** A fresh one-time link, or undefined when local sign-in is off. */
  async link(): Promise<string | undefined> {
    return this.codes === undefined ? undefined : signInLink(this.publicUrl.value, await this.codes.mint());
  }
}
