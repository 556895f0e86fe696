/**
 * GET /auth/oidc/start and /auth/oidc/callback: the browser's round trip through the identity provider.
 * Both are navigations, so they answer with redirects and small HTML pages, not JSON.
 */
import { Controller, Get, Inject, Query, Req, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiForbiddenResponse, ApiFoundResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '../auth/auth.guard';
import { OIDC_FLOW_COOKIE_PREFIX, isSecureRequest, readCookie, sameOriginPath } from './browser-request';
import { htmlPage } from './html-page';
import { OIDC_FLOW_TTL_SECONDS } from './oidc-flow';
import { OIDC_CALLBACK_PATH, OidcSignIn, OidcSignInError } from './oidc-sign-in';
import { PublicUrl } from './public-url';
import { WebSessions } from './web-sessions';

/** The OIDC sign-in of this app, or null when no client is configured (OIDC_CLIENT_ID). */
export const OIDC_SIGN_IN = Symbol('OidcSignIn');

// The pages run no script and load nothing; only their own inline style.
const PAGE_POLICY = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
const HTML = { 'text/html': { schema: { type: 'string' } } };

@ApiTags('auth')
@Public()
@Controller('auth/oidc')
export class OidcSignInController {
  constructor(
    @Inject(OIDC_SIGN_IN) private readonly signIn: OidcSignIn | null,
    private readonly sessions: WebSessions,
    private readonly publicUrl: PublicUrl,
  ) {}

  @Get('start')
  @ApiOperation({ summary: 'Sends the browser to the identity provider to sign in (authorization code + PKCE)' })
  @ApiQuery({ name: 'returnTo', required: false, description: 'a path of this app to come back to, e.g. /app/queue (default /); nothing else' })
  @ApiFoundResponse({ description: 'to the provider; a short-lived HttpOnly cookie (SameSite=Lax) keeps state, nonce and the PKCE verifier' })
  @ApiBadRequestResponse({ description: 'returnTo is not a path of this app', content: HTML })
  @ApiNotFoundResponse({ description: 'no OIDC client configured (OIDC_CLIENT_ID)', content: HTML })
  async start(@Query('returnTo') returnTo: unknown, @Req() request: Request, @Res() response: Response): Promise<void> {
    if (!this.signIn) return this.notConfigured(response);
    const path = returnTo === undefined || returnTo === '' ? '/' : sameOriginPath(returnTo);
    if (path === undefined) {
      return page(response, 400, 'Not a page of this app', ['returnTo must be a path of this app, such as /app/queue: sign-in never sends a browser to another site.'], [
        { href: '/auth/oidc/start', text: 'Sign in' },
      ]);
    }
    try {
      const { authorizationUrl, state, flowToken } = await this.signIn.start(path);
      response.cookie(`${OIDC_FLOW_COOKIE_PREFIX}${state}`, flowToken, {
        httpOnly: true,
        // Lax, not Strict: it must come back with the provider's redirect, a navigation from another site.
        sameSite: 'lax',
        path: OIDC_CALLBACK_PATH,
        secure: isSecureRequest(request, this.publicUrl.configured),
        maxAge: OIDC_FLOW_TTL_SECONDS * 1000,
      });
      response.setHeader('Cache-Control', 'no-store');
      response.redirect(302, authorizationUrl);
    } catch (error) {
      if (error instanceof OidcSignInError) return page(response, error.status, error.title, error.sentences, [{ href: startUrl(path), text: 'Try again' }]);
      throw error;
    }
  }

  @Get('callback')
  @ApiOperation({ summary: 'Where the identity provider sends the browser back: checks the answer, starts the session' })
  @ApiOkResponse({
    description:
      'signed in: sets the session cookie and answers a small page that goes on to returnTo (a same-site navigation, so the SameSite=Strict cookie goes with it)',
    content: HTML,
  })
  @ApiBadRequestResponse({ description: 'the answer does not belong to a sign-in this browser started (state), or does not check out', content: HTML })
  @ApiForbiddenResponse({ description: 'the provider refused, or its ID token gives no Sales-ops role', content: HTML })
  async callback(@Req() request: Request, @Res() response: Response): Promise<void> {
    if (!this.signIn) return this.notConfigured(response);
    const state = request.query.state;
    const cookie = typeof state === 'string' && /^[A-Za-z0-9_-]{1,200}$/.test(state) ? `${OIDC_FLOW_COOKIE_PREFIX}${state}` : undefined;
    const flow = cookie === undefined ? undefined : await this.signIn.flowOf(readCookie(request, cookie));
    if (!flow) {
      return page(
        response,
        400,
        'Sign-in could not be checked',
        [
          'This answer from the identity provider belongs to no sign-in this browser started in the last ten minutes (its state matches none).',
          `Start again from ${this.publicUrl.value}.`,
        ],
        [{ href: startUrl('/'), text: 'Sign in' }],
      );
    }
    response.clearCookie(cookie!, { httpOnly: true, sameSite: 'lax', path: OIDC_CALLBACK_PATH, secure: isSecureRequest(request, this.publicUrl.configured) });
    const query = request.originalUrl.includes('?') ? request.originalUrl.slice(request.originalUrl.indexOf('?')) : '';
    try {
      const actor = await this.signIn.finish(query, flow);
      await this.sessions.start(request, response, actor, 'oidc');
      // A page, not a redirect: the session cookie is SameSite=Strict, and a browser does not send it on a
      // redirect chain that began on the provider's site; the page's own navigation is same-site.
      return page(response, 200, 'Signed in', [`Signed in as ${actor.userId} (${actor.role}).`], [], flow.returnTo);
    } catch (error) {
      if (error instanceof OidcSignInError) return page(response, error.status, error.title, error.sentences, [{ href: startUrl(flow.returnTo), text: 'Try again' }]);
      throw error;
    }
  }

  private notConfigured(response: Response): void {
    page(response, 404, 'OpenID Connect sign-in is off', ['This app has no OpenID Connect client configured (OIDC_CLIENT_ID): GET /auth/config says how to sign in.']);
  }
}

function startUrl(returnTo: string): string {
  return `/auth/oidc/start?returnTo=${encodeURIComponent(returnTo)}`;
}

function page(response: Response, status: number, title: string, sentences: readonly string[], links: ReadonlyArray<{ href: string; text: string }> = [], next?: string): void {
  response
    .status(status)
    .set('Cache-Control', 'no-store')
    .set('Content-Security-Policy', PAGE_POLICY)
    .set('Referrer-Policy', 'no-referrer')
    .type('html')
    .send(htmlPage(title, sentences, { links, ...(next === undefined ? {} : { next }) }));
}
