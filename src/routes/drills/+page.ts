import { listScenarios } from '$lib/scenarios/catalog';
import type { PageLoad } from './$types';

export const load: PageLoad = () => ({ scenarios: listScenarios() });
