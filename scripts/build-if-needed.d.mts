export function buildIfNeeded(root?: string): void;
export function bundleServerIfNeeded(root?: string): void;
