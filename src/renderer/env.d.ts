/// <reference types="svelte" />
/// <reference types="vite/client" />

// shared/errors.ts names NodeJS.Signals in a field type; the renderer has no Node types.
declare namespace NodeJS {
  type Signals = string;
}
