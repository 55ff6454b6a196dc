/** Saving text as a file the browser downloads (exports). Browser only. */

/**
 * Offers `text` as a download named `fileName`. The object URL is revoked after the click has been handled.
 * @param mime MIME type, e.g. `application/json` or `text/csv;charset=utf-8`.
 */
export function downloadText(fileName: string, text: string, mime: string): void {
	const url = URL.createObjectURL(new Blob([text], { type: mime }));
	const link = document.createElement('a');
	link.href = url;
	link.download = fileName;
	link.rel = 'noopener';
	link.style.display = 'none';
	document.body.append(link);
	link.click();
	link.remove();
	// Revoking at once can cancel the download in some browsers; a moment later is safe.
	setTimeout(() => URL.revokeObjectURL(url), 1_000);
}
