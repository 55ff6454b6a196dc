/** Badge class for an alert or page severity label. */
export function severityClass(severity: string | undefined): string {
	switch ((severity ?? '').toLowerCase()) {
		case 'critical':
		case 'page':
		case 'error':
			return 'badge-critical';
		case 'warning':
		case 'warn':
			return 'badge-warning';
		case 'info':
			return 'badge-info';
		default:
			return '';
	}
}
