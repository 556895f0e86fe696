/** Request bodies and answers of the /auth routes, as the OpenAPI document describes them. */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { ROLE_IDS } from '#libs/contracts';
import { ID_PATTERN } from '../http/common.dto';

const SIGN_IN_METHODS = ['local-code', 'oidc'] as const;
export type SignInMethod = (typeof SIGN_IN_METHODS)[number];

export class LocalSignInDto {
  @ApiProperty({ description: 'the `code` of the one-time sign-in link the app printed at start (or `npm run -s sign-in-link` made)' })
  @IsString()
  @Length(1, 2000)
  code!: string;
}

export class ActAsDto {
  @ApiPropertyOptional({ example: 'h-anna', description: 'a rep of the roster: the session acts as them, with the role the roster gives them' })
  @IsOptional()
  @Matches(ID_PATTERN, { message: 'must be 1 to 100 letters, digits, - or _' })
  repId?: string;

  @ApiPropertyOptional({ enum: ['head-of-sales'], description: 'instead of repId: back to acting as the head of sales' })
  @IsOptional()
  @IsIn(['head-of-sales'])
  role?: 'head-of-sales';
}

export class AuthConfigView {
  @ApiProperty({
    enum: SIGN_IN_METHODS,
    isArray: true,
    description:
      'what sign-in the page offers: `local-code` (the embedded default: POST /auth/local/sign-in with the code of the printed link), ' +
      '`oidc` (send the browser to GET /auth/oidc/start?returnTo=…), or neither (only bearer tokens)',
  })
  methods!: SignInMethod[];
}

class SessionActorView {
  @ApiProperty({ example: 'h-anna', description: 'the rep id (the sub of the session)' })
  userId!: string;

  @ApiProperty({ enum: ROLE_IDS })
  role!: string;
}

export class SessionView {
  @ApiProperty({ type: SessionActorView, description: 'who the API takes the browser for' })
  actor!: SessionActorView;

  @ApiProperty({ enum: ['local', 'oidc'], description: '`local`: signed in with the link of the embedded default; `oidc`: through the identity provider' })
  kind!: 'local' | 'oidc';

  @ApiProperty({ description: 'whether POST /auth/session/act-as may switch the actor (local sessions only)' })
  canActAs!: boolean;

  @ApiProperty({
    type: [String],
    example: ['lead:read', 'lead:qualify'],
    description: "the actions of the permission matrix the actor's role may take: what the page offers (ownership is still the API's to check)",
  })
  permissions!: string[];

  @ApiProperty({ format: 'date-time', description: 'when the session ends (acting as someone does not prolong it)' })
  expiresAt!: string;
}
