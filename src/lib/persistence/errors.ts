/** Errors the repositories throw for conditions a user can cause (the UI shows `message`). */

export type PersistenceErrorCode = 'not-found' | 'invalid' | 'conflict';

export class PersistenceError extends Error {
	constructor(
		readonly code: PersistenceErrorCode,
		message: string
	) {
		super(message);
		this.name = 'PersistenceError';
	}
}
