import type { Role } from './common.schemas';

/** Who did something: a person (a rep id and their role) or a service (its name, role `service`). */
export interface Actor {
  readonly userId: string;
  readonly role: Role;
}
