/**
 * The browser's session routes: what sign-in the page should offer, the embedded default's one-time link,
 * who the session is, acting as a rep of the roster, and signing out. Public to the auth guard: each reads
 * the session cookie itself, and refuses a cross-site POST as the guard does.
 */
import type { Actor } from '#libs/contracts';
import {
  BadRequestException,
  Body,
  Controller,
  ForbiddenException,
  Get,
  Header,
  HttpCode,
  Inject,
  Post,
  Req,
  Res,
  UnauthorizedException,
  UnprocessableEntityException,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { RosterHost } from '../roster/roster.host';
import { Public } from '../auth/auth.guard';
import { UnauthenticatedError } from '../auth/token-verifier';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { crossSiteReason } from './browser-request';
import { LOCAL_HEAD_OF_SALES, LocalSignIn } from './local-sign-in';
import { PublicUrl } from './public-url';
import type { WebSession } from './session-token';
import { SignInCodeError } from './sign-in-code';
import { ActAsDto, AuthConfigView, LocalSignInDto, SessionView, type SignInMethod } from './web-session.dto';
import { WebSessions } from './web-sessions';

const SET_COOKIE = { 'Set-Cookie': { description: 'sales_ops_session=…; Path=/; HttpOnly; SameSite=Strict (and Secure over https)', schema: { type: 'string' } } };

/** What sign-in a configuration offers browsers. */
function signInMethods(config: AppConfig): SignInMethod[] {
  if (config.auth.kind === 'shared-secret') return ['local-code'];
  return config.auth.client ? ['oidc'] : [];
}

@ApiTags('auth')
@Public()
@Controller('auth')
export class WebSessionController {
  constructor(
    private readonly sessions: WebSessions,
    private readonly localSignIn: LocalSignIn,
    private readonly publicUrl: PublicUrl,
    private readonly rosterHost: RosterHost,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('config')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'What sign-in the page should offer' })
  @ApiOkResponse({ type: AuthConfigView })
  authConfig(): AuthConfigView {
    return { methods: signInMethods(this.config) };
  }

  @Get('session')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: "The browser's session: who it acts as, how it signed in, until when" })
  @ApiOkResponse({ type: SessionView })
  @ApiUnauthorizedResponse({ description: '`no-session` without the cookie; `bad-session` for an expired, signed-out or invalid one' })
  async session(@Req() request: Request): Promise<SessionView> {
    return this.sessions.view(await this.requireSession(request));
  }

  @Post('local/sign-in')
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: "Redeems the embedded default's one-time sign-in link for a session (as the head of sales)" })
  @ApiOkResponse({ type: SessionView, headers: SET_COOKIE })
  @ApiUnauthorizedResponse({ description: 'the code is not valid (`sign-in-code-invalid`), has expired (`…-expired`), was used already (`…-used`) or was made before the app last started (`…-stale`)' })
  @ApiForbiddenResponse({ description: '`local-sign-in-off` when the app uses an OIDC provider; `cross-site-request` from another site' })
  async signIn(@Body() body: LocalSignInDto, @Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<SessionView> {
    this.refuseCrossSite(request);
    const codes = this.localSignIn.codes;
    if (!codes) {
      throw new ForbiddenException({
        code: 'local-sign-in-off',
        message: signInMethods(this.config).includes('oidc')
          ? 'this app signs browsers in through its identity provider: sign-in links are off (GET /auth/oidc/start)'
          : "this app accepts only its identity provider's bearer tokens: sign-in links are off, and browser sign-in needs OIDC_CLIENT_ID",
      });
    }
    try {
      await codes.redeem(body.code);
    } catch (error) {
      if (error instanceof SignInCodeError) throw new UnauthorizedException({ code: error.code, message: error.message });
      throw error;
    }
    return this.sessions.view(await this.sessions.start(request, response, LOCAL_HEAD_OF_SALES, 'local'));
  }

  @Post('session/act-as')
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'A local session acts as a rep of the roster (with their role), or as the head of sales again' })
  @ApiOkResponse({ type: SessionView, headers: SET_COOKIE })
  @ApiBadRequestResponse({ description: 'neither or both of repId and role' })
  @ApiUnauthorizedResponse({ description: 'no valid session' })
  @ApiForbiddenResponse({ description: '`cannot-act-as` for a session signed in through the identity provider; `cross-site-request` from another site' })
  @ApiUnprocessableEntityResponse({ description: '`unknown-rep`: no such rep in the roster (or the rep has left)' })
  async actAs(@Body() body: ActAsDto, @Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<SessionView> {
    this.refuseCrossSite(request);
    const session = await this.requireSession(request);
    if (session.kind !== 'local') {
      throw new ForbiddenException({ code: 'cannot-act-as', message: 'a session signed in through the identity provider acts as its own user only' });
    }
    if ((body.repId === undefined) === (body.role === undefined)) {
      throw new BadRequestException({ code: 'invalid-request', field: 'repId', message: 'repId: send either repId (a rep of the roster) or role "head-of-sales", not both' });
    }
    const actor = body.repId === undefined ? LOCAL_HEAD_OF_SALES : await this.rosterRep(body.repId);
    return this.sessions.view(await this.sessions.actAs(request, response, session, actor));
  }

  @Post('sign-out')
  @HttpCode(204)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'Ends the session: clears the cookie, and the process refuses it from now on' })
  @ApiNoContentResponse({ description: 'signed out (also when there was no session)' })
  @ApiBadRequestResponse({ description: 'a body other than nothing or an empty object' })
  @ApiForbiddenResponse({ description: '`cross-site-request` from another site' })
  async signOut(@Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<void> {
    const body: unknown = request.body;
    if (body !== undefined && (typeof body !== 'object' || body === null || Array.isArray(body) || Object.keys(body).length > 0)) {
      const field = body !== null && typeof body === 'object' && !Array.isArray(body) ? Object.keys(body)[0]! : 'body';
      throw new BadRequestException({ code: 'invalid-request', field, message: `${field}: sign-out takes no body (or an empty object)` });
    }
    this.refuseCrossSite(request);
    let session: WebSession | undefined;
    try {
      session = await this.sessions.fromRequest(request);
    } catch (error) {
      // An expired or invalid cookie is cleared all the same.
      if (!(error instanceof UnauthenticatedError)) throw error;
    }
    this.sessions.end(request, response, session);
  }

  private async requireSession(request: Request): Promise<WebSession> {
    let session: WebSession | undefined;
    try {
      session = await this.sessions.fromRequest(request);
    } catch (error) {
      if (error instanceof UnauthenticatedError) throw new UnauthorizedException({ code: 'bad-session', message: error.message });
      throw error;
    }
    if (!session) throw new UnauthorizedException({ code: 'no-session', message: 'no session: sign in first (GET /auth/config says how)' });
    return session;
  }

  private refuseCrossSite(request: Request): void {
    const reason = crossSiteReason(request, this.publicUrl.configured);
    if (reason) throw new ForbiddenException({ code: 'cross-site-request', message: reason });
  }

  private async rosterRep(repId: string): Promise<Actor> {
    await this.rosterHost.whenCaughtUp();
    const rep = this.rosterHost.roster.get(repId);
    if (!rep || rep.left) {
      throw new UnprocessableEntityException({
        code: 'unknown-rep',
        field: 'repId',
        message: rep ? `rep ${repId} has left the team` : `rep ${repId} is not in the roster (GET /team/reps lists it)`,
      });
    }
    return { userId: rep.repId, role: rep.role };
  }
}
