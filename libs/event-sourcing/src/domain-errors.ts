/**
 * Business rejections, typed. Deciders throw them; the HTTP layer maps each kind once
 * (see libs/platform http-errors): a rejected command appends nothing.
 */
export type DomainErrorKind =
  /** The aggregate is not in a state that allows the command (a lost deal cannot be won): 409. */
  | 'invalid-transition'
  /** The actor may not do this (not the owner, wrong role): 403. */
  | 'forbidden'
  /** The aggregate or something the command names does not exist: 404. */
  | 'not-found'
  /** Well-formed input that breaks a business rule (an amount over the proposal, a date in the past): 422. */
  | 'rule-broken';

export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    /** A stable machine-readable code, e.g. `deal-already-lost`. */
    readonly code: string,
    message: string,
    /** The input field the rule is about, when there is one. */
    readonly field?: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const invalidTransition = (code: string, message: string): DomainError =>
  new DomainError('invalid-transition', code, message);
export const forbidden = (code: string, message: string): DomainError => new DomainError('forbidden', code, message);
export const notFound = (code: string, message: string): DomainError => new DomainError('not-found', code, message);
export const ruleBroken = (code: string, message: string, field?: string): DomainError =>
  new DomainError('rule-broken', code, message, field);
