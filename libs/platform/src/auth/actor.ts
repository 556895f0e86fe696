import type { Role } from '#libs/contracts';

/** Who is calling: the token's subject (a rep id, or a service's name) and role. */
export interface Actor {
  readonly userId: string;
  readonly role: Role;
}
