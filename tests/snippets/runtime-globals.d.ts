// The globals of Node and Bun the snippets use, typed as @types/node and bun-types type them
// (neither is a dependency here): what `tsc --strict` sees in a Node or Bun project.
declare const process: {
  env: Record<string, string | undefined>;
  argv: string[];
  exitCode?: number | string | null | undefined;
};
declare const Bun: { env: Record<string, string | undefined> };
