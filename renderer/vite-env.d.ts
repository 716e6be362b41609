/// <reference types="vite/client" />
// Vite's client types (`?worker` imports, import.meta.env) for every project that includes the renderer.
