// The client test project registers jest-dom's matchers in `vitest-setup-client.ts`, which lies outside the files
// the type checker reads; this brings their types (`toBeInTheDocument`, `toHaveValue`, …) into every spec.
/// <reference types="@testing-library/jest-dom/vitest" />
