import type { Actor } from '#libs/contracts';
import {
  ForbiddenException,
  Inject,
  Injectable,
  Optional,
  SetMetadata,
  UnauthorizedException,
  createParamDecorator,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { PERMISSION_MATRIX, isAllowed, type Permission } from './permission-matrix';
import { TOKEN_VERIFIER, UnauthenticatedError, type TokenVerifier } from './token-verifier';
import { crossSiteReason } from '../web-session/browser-request';
import { PublicUrl } from '../web-session/public-url';
import { WebSessions } from '../web-session/web-sessions';

const PUBLIC = 'sales-ops:public';
const PERMISSION = 'sales-ops:permission';

/** A route anyone may call without a token (health, API docs). */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(PUBLIC, true);

/** The action a route performs, looked up in the permission matrix. */
export const RequirePermission = (permission: Permission): MethodDecorator => SetMetadata(PERMISSION, permission);

type AuthenticatedRequest = Request & { actor?: Actor };

/** The caller the auth guard let in. */
export const CurrentActor = createParamDecorator((_: unknown, context: ExecutionContext): Actor => {
  const actor = context.switchToHttp().getRequest<AuthenticatedRequest>().actor;
  if (!actor) throw new UnauthorizedException('no authenticated caller');
  return actor;
});

/**
 * Every route needs a caller (401 otherwise) and a role the matrix allows for its action (403 otherwise).
 * A route that declares no action is refused: access fails closed. The caller is named by a bearer token
 * (always tried first: a request with an Authorization header is judged by it alone) or, from the browser,
 * by the session cookie; a cookie-authenticated request that changes something must come from the app's
 * own pages (403 `cross-site-request` otherwise), beside what SameSite=Strict already keeps out.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(TOKEN_VERIFIER) private readonly verifier: TokenVerifier,
    // Absent where only bearer tokens are wanted (a test module mounting the guard alone).
    @Optional() private readonly sessions?: WebSessions,
    @Optional() private readonly publicUrl?: PublicUrl,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = request.headers.authorization;
    request.actor = header === undefined && this.sessions?.hasCookie(request) ? await this.sessionActor(request, this.sessions) : await this.bearerActor(header);
    const permission = this.reflector.get<Permission | undefined>(PERMISSION, context.getHandler());
    if (!permission) throw new ForbiddenException({ code: 'no-permission-declared', message: 'this route declares no permission' });
    if (!isAllowed(request.actor.role, permission)) {
      throw new ForbiddenException({
        code: 'role-not-allowed',
        message: `the role ${request.actor.role} may not ${permission.replace(':', ' ')}`,
        // Who may: so that a page can say which role sees what it asked for.
        allowedRoles: PERMISSION_MATRIX[permission],
      });
    }
    return true;
  }

  private async bearerActor(header: string | undefined): Promise<Actor> {
    const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    if (!match) {
      throw new UnauthorizedException({ code: 'no-token', message: 'send a bearer token: Authorization: Bearer <token>' });
    }
    try {
      return await this.verifier.verify(match[1]!);
    } catch (error) {
      if (error instanceof UnauthenticatedError) throw new UnauthorizedException({ code: 'bad-token', message: error.message });
      throw error;
    }
  }

  private async sessionActor(request: Request, sessions: WebSessions): Promise<Actor> {
    let actor: Actor;
    try {
      actor = (await sessions.fromRequest(request))!.actor;
    } catch (error) {
      if (error instanceof UnauthenticatedError) throw new UnauthorizedException({ code: 'bad-session', message: error.message });
      throw error;
    }
    const crossSite = crossSiteReason(request, this.publicUrl?.configured);
    if (crossSite) throw new ForbiddenException({ code: 'cross-site-request', message: crossSite });
    return actor;
  }
}
