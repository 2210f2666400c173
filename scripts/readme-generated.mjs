// The README blocks made from the method catalog (scripts/catalog.mjs), between
//   <!-- generated: methods slack -->  and  <!-- /generated -->   each method of a client, fenced
//   <!-- generated: list slack -->  and  <!-- /generated -->      the methods of a client, inline
//   <!-- generated: retries -->  and  <!-- /generated -->         which method retries on what
import { catalog } from "./catalog.mjs";

export const GENERATED = /<!-- generated: ([^>]+?) -->\n[\s\S]*?<!-- \/generated -->/g;

const RETRIED_ON = { lookup: "429, 5xx, network failures, timeouts", spends: "429 only", rotates: "429 only" };
const BLOCKS = { methods, list, retries };

/** The text of the block named `name` (e.g. "methods slack"). */
export function generated(name) {
  const [kind, ...args] = name.split(" ");
  if (!BLOCKS[kind]) throw new Error(`unknown generated block "${name}"`);
  return BLOCKS[kind](...args);
}

/** `slack.oauth.access({ client_id, code, redirect_uri? }): Promise<OAuthAccessResponse>`, one a line. */
function methods(provider) {
  const lines = catalog().methods.filter((m) => m.provider === provider).map((m) => {
    const keys = m.keys.map((key) => `${key.name}${key.optional ? "?" : ""}`).join(", ");
    return `${provider}.${m.path}({ ${keys} }${m.paramsOptional ? "?" : ""}): Promise<${m.response}>`;
  });
  if (!lines.length) throw new Error(`no methods for provider "${provider}"`);
  return `\`\`\`ts\n${lines.join("\n")}\n\`\`\`\n`;
}

/** "`oauth.access`, `apps.auth.external.get`, `.delete` and `auth.revoke`," on one line. */
function list(provider) {
  const paths = catalog().methods.filter((m) => m.provider === provider).map((m) => m.path);
  if (!paths.length) throw new Error(`no methods for provider "${provider}"`);
  const shown = names(paths);
  return `  ${shown.length > 1 ? `${shown.slice(0, -1).join(", ")} and ${shown.at(-1)}` : shown[0]},\n`;
}

/** Each path in backticks; one in the namespace of the one before it keeps only its last name. */
function names(paths) {
  const namespace = (path) => path.slice(0, path.lastIndexOf(".") + 1);
  return paths.map((path, i) => {
    const shared = i > 0 && namespace(path) !== "" && namespace(path) === namespace(paths[i - 1]);
    return `\`${shared ? path.slice(namespace(path).length - 1) : path}\``;
  });
}

/** A table row per retry rule, the methods that share it together. */
function retries() {
  const rows = new Map();
  for (const m of catalog().methods) {
    const rule = JSON.stringify(m.retry);
    rows.set(rule, [...(rows.get(rule) ?? []), m.path]);
  }
  const body = [...rows].map(([rule, paths]) => {
    const { class: base, switch: change } = JSON.parse(rule);
    const when = change && `with \`${change.key}: ${JSON.stringify(change.value)}\``;
    const kind = change ? `${base}; ${change.class} ${when}` : base;
    const on = change && RETRIED_ON[change.class] !== RETRIED_ON[base]
      ? `${RETRIED_ON[base]}; ${when}, ${RETRIED_ON[change.class]}` : RETRIED_ON[base];
    return `| ${names(paths).join(", ")} | ${kind} | ${on} |`;
  });
  return ["| method | class | retried on |", "|---|---|---|", ...body].join("\n") + "\n";
}
