/**
 * jsdom has `<dialog>` (with `open` and the UA style that hides a closed one) but no `showModal()`/`close()`.
 * Component tests install this minimal stand-in; browsers use the real thing.
 */
export function installDialogPolyfill(): void {
	const proto = HTMLDialogElement.prototype as HTMLDialogElement & Record<string, unknown>;
	if (typeof proto.showModal !== 'function') {
		proto.showModal = function (this: HTMLDialogElement) {
			this.open = true;
		};
	}
	if (typeof proto.show !== 'function') {
		proto.show = function (this: HTMLDialogElement) {
			this.open = true;
		};
	}
	if (typeof proto.close !== 'function') {
		proto.close = function (this: HTMLDialogElement) {
			if (!this.open) return;
			this.open = false;
			this.dispatchEvent(new Event('close'));
		};
	}
}
