/**
 * The console state as a typed Svelte context: the console component sets it once per drill session, and the
 * panels below it read it instead of keeping state of their own.
 */
import { createContext } from 'svelte';
import type { ConsoleState } from './console-state.svelte';

const [get, set] = createContext<ConsoleState>();

/** The console state of the enclosing console. Call during component initialisation; throws outside a console. */
export function getConsoleContext(): ConsoleState {
	return get();
}

/** Makes `state` the console state of this component's children. Call during component initialisation. */
export function setConsoleContext(state: ConsoleState): ConsoleState {
	return set(state);
}
