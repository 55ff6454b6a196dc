import { describe, expect, it } from 'vitest';
import { expandTemplate, humanize, humanizeDuration } from './alert-template';

describe('alert annotation templates', () => {
	const labels = { service: 'checkout-api', pod: 'checkout-api-abc' };
	it('expands labels and values as Prometheus does', () => {
		expect(expandTemplate('{{ $labels.service }} on {{$labels.pod}} is at {{ $value }}', labels, 0.25)).toBe(
			'checkout-api on checkout-api-abc is at 0.25'
		);
		expect(expandTemplate('{{ $value | humanizePercentage }} failing', labels, 0.2134)).toBe(
			'21.34% failing'
		);
		expect(expandTemplate('{{ printf "%.2f" $value }}s', labels, 1.23456)).toBe('1.23s');
		expect(expandTemplate('missing: {{ $labels.nope }}', labels, 1)).toBe('missing: ');
	});

	it('leaves constructs it does not know as written', () => {
		expect(expandTemplate('{{ range .Alerts }}x{{ end }}', labels, 1)).toBe('{{ range .Alerts }}x{{ end }}');
	});

	it('humanizes numbers and durations', () => {
		expect(humanize(1234567)).toBe('1.235M');
		expect(humanize(0.0012)).toBe('1.2m');
		expect(humanizeDuration(3725)).toBe('1h 2m 5s');
		expect(humanizeDuration(0.25)).toBe('250ms');
	});
});
