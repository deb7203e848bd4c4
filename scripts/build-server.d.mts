export const SERVER_BUNDLE: string;
export const SERVER_NODE_OPTIONS: string[];
export function buildServer(root?: string): void;
