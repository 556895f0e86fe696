import {
  ForbiddenException,
  Inject,
  Injectable,
  SetMetadata,
  UnauthorizedException,
  createParamDecorator,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import type { Actor } from './actor';
import { isAllowed, type Permission } from './permission-matrix';
import { TOKEN_VERIFIER, UnauthenticatedError, type TokenVerifier } from './token-verifier';

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
 * Every route needs a valid bearer token (401 otherwise) and a role the matrix allows for its action
 * (403 otherwise). A route that declares no action is refused: access fails closed.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(TOKEN_VERIFIER) private readonly verifier: TokenVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = request.headers.authorization;
    const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    if (!match) {
      throw new UnauthorizedException({ code: 'no-token', message: 'send a bearer token: Authorization: Bearer <token>' });
    }
    try {
      request.actor = await this.verifier.verify(match[1]!);
    } catch (error) {
      if (error instanceof UnauthenticatedError) throw new UnauthorizedException({ code: 'bad-token', message: error.message });
      throw error;
    }
    const permission = this.reflector.get<Permission | undefined>(PERMISSION, context.getHandler());
    if (!permission) throw new ForbiddenException({ code: 'no-permission-declared', message: 'this route declares no permission' });
    if (!isAllowed(request.actor.role, permission)) {
      throw new ForbiddenException({
        code: 'role-not-allowed',
        message: `the role ${request.actor.role} may not ${permission.replace(':', ' ')}`,
      });
    }
    return true;
  }
}
