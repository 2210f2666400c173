// The README blocks made from the method catalog (scripts/catalog.mjs), between
//   <!-- generated: methods slack -->  and  <!-- /generated -->   each method of a client, fenced
//   <!-- generated: retries -->  and  <!-- /generated -->         which method retries on what
import { catalog } from "./catalog.mjs";

export const GENERATED = /<!-- generated: ([^>]+?) -->\n[\s\S]*?<!-- \/generated -->/g;

const RETRIED_ON = { lookup: "429, 5xx, network failures, timeouts", spends: "429 only", rotates: "429 only" };
const BLOCKS = { methods, retries };

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

/** A table row per retry rule, the methods that share it together. */
function retries() {
  const rows = new Map();
  for (const m of catalog().methods) {
    const rule = JSON.stringify(m.retry);
    rows.set(rule, [...(rows.get(rule) ?? []), `\`${m.path}\``]);
  }
  const body = [...rows].map(([rule, paths]) => {
    const { class: base, switch: change } = JSON.parse(rule);
    const when = change && `with \`${change.key}: ${JSON.stringify(change.value)}\``;
    const kind = change ? `${base}; ${change.class} ${when}` : base;
    const on = change && RETRIED_ON[change.class] !== RETRIED_ON[base]
      ? `${RETRIED_ON[base]}; ${when}, ${RETRIED_ON[change.class]}` : RETRIED_ON[base];
    return `| ${paths.join(", ")} | ${kind} | ${on} |`;
  });
  return ["| method | class | retried on |", "|---|---|---|", ...body].join("\n") + "\n";
}
