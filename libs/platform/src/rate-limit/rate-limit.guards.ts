/**
 * Two limits on every route, each counted by @nestjs/throttler's guard over the whole API (not per route):
 * per client address, before authentication (a flood of bad tokens or sign-in attempts is counted too),
 * and per authenticated user, after it (many users behind one office address each get their own budget).
 * APP_GUARDs run in the order the platform module lists them: address, authentication, user.
 *
 * A caller over a limit gets 429 `rate-limited` with `Retry-After` (seconds), in the one error shape.
 */
import { createHash } from 'node:crypto';
import { HttpException, HttpStatus, Injectable, type ExecutionContext } from '@nestjs/common';
import { ThrottlerGuard, normalizeIp, type ThrottlerLimitDetail, type ThrottlerModuleOptions, type ThrottlerStorage } from '@nestjs/throttler';
import type { Request, Response } from 'express';
import type { Actor } from '#libs/contracts';
import type { RateLimitSettings } from '../config/app-config';

type LimitName = 'ip' | 'user';

const CALLER: Record<LimitName, string> = { ip: 'this address', user: 'this user' };

function actorOf(request: unknown): Actor | undefined {
  return (request as { actor?: Actor }).actor;
}

/** The throttler module's options: both limits, one window, counted across every route. */
export function rateLimitOptions(settings: RateLimitSettings, storage: ThrottlerStorage): ThrottlerModuleOptions {
  const ttl = settings.windowSeconds * 1000;
  // No penalty beyond the window: a caller over the limit waits until its window ends, as Retry-After says.
  const blockDuration = 0;
  return {
    throttlers: [
      // An IPv6 client is counted by its /64, which one machine may hold whole.
      { name: 'ip', ttl, limit: settings.perIp, blockDuration, getTracker: (request) => normalizeIp((request as Request).ip ?? 'unknown') },
      {
        name: 'user',
        ttl,
        limit: settings.perUser,
        blockDuration,
        getTracker: (request) => actorOf(request)!.userId,
        // A public route (health, sign-in, the API's description) has no user: its address is counted.
        skipIf: (context) => actorOf(context.switchToHttp().getRequest()) === undefined,
      },
    ],
    // One budget for the whole API; keys of one length, whatever the caller's id.
    generateKey: (_context, tracker, name) => createHash('sha256').update(`${name}\n${tracker}`).digest('base64url'),
    // Retry-After is set on a refusal (below); no headers on every answer.
    setHeaders: false,
    storage,
  };
}

/** The throttler guard, counting one of the two limits. */
abstract class OneLimitGuard extends ThrottlerGuard {
  protected abstract readonly limitName: LimitName;

  override async onModuleInit(): Promise<void> {
    await super.onModuleInit();
    this.throttlers = this.throttlers.filter((throttler) => throttler.name === this.limitName);
  }

  protected override async throwThrottlingException(context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    const retryAfter = Math.max(1, detail.timeToBlockExpire);
    context.switchToHttp().getResponse<Response>().setHeader('Retry-After', String(retryAfter));
    throw new HttpException(
      {
        code: 'rate-limited',
        message: `too many requests from ${CALLER[this.limitName]}: at most ${detail.limit} in ${Math.round(detail.ttl / 1000)} s; try again in ${retryAfter} s`,
        retryAfterSeconds: retryAfter,
      },
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
}

/** Counts every request by its client address (the socket's, or X-Forwarded-For's past TRUST_PROXY_HOPS proxies). */
@Injectable()
export class AddressRateLimitGuard extends OneLimitGuard {
  protected readonly limitName = 'ip';
}

/** Counts every authenticated request by its user. */
@Injectable()
export class UserRateLimitGuard extends OneLimitGuard {
  protected readonly limitName = 'user';
}
