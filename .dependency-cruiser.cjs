/**
 * The layering of iflint's pipeline, checked in `npm run lint`. Data flows one way:
 * source → parsers → model → evaluate → load → engine → reporters → cli; rules see the model and
 * the rule API only. A rule here fails the lint with the offending import named.
 */
const layer = (name) => `^src/${name}/`;

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "no-circular",
      severity: "error",
      comment: "A cycle makes two modules one: break it so data flows one way.",
      from: {},
      to: { circular: true },
    },
    {
      name: "source-is-the-bottom",
      severity: "error",
      comment: "src/source holds the types every layer shares (files, ranges, positions): it imports nothing of ours.",
      from: { path: layer("source") },
      to: { path: "^(src|rules)/", pathNot: layer("source") },
    },
    {
      name: "parsers-make-syntax-only",
      severity: "error",
      comment: "Parsers turn bytes into syntax trees; they know nothing of the model, evaluation or rules.",
      from: { path: layer("parsers") },
      to: { path: ["^rules/", layer("(model|evaluate|load|engine|reporters|register|cli|parallel|action)")] },
    },
    {
      name: "model-holds-only-the-estate",
      severity: "error",
      comment:
        "src/model is the estate's types and pure helpers on them: no parsing, evaluation, loading or reporting.",
      from: { path: layer("model") },
      to: { path: ["^rules/", layer("(parsers|evaluate|load|engine|reporters|register|cli|parallel|action)")] },
    },
    {
      name: "evaluate-does-not-load",
      severity: "error",
      comment: "The evaluator makes values and nodes from syntax; loading the estate calls it, not the other way.",
      from: { path: layer("evaluate") },
      to: { path: ["^rules/", layer("(load|engine|reporters|register|cli|parallel|action)")] },
    },
    {
      name: "load-comes-before-the-engine",
      severity: "error",
      from: { path: layer("load") },
      to: { path: ["^rules/", layer("(engine|reporters|register|cli|parallel|action)")] },
    },
    {
      name: "rules-see-the-model-only",
      severity: "error",
      comment: "Rules import the rule API (src/engine/rule.ts) and the model, never parsers, evaluation or output.",
      from: { path: "^rules/" },
      to: { path: "^src/", pathNot: ["^src/engine/rule\\.ts$", layer("model")] },
    },
    {
      name: "engine-is-not-the-cli",
      severity: "error",
      from: { path: layer("engine") },
      to: { path: layer("(cli|reporters|action)") },
    },
    {
      name: "reporters-format-findings",
      severity: "error",
      comment: "Reporters format findings and the model; they never parse.",
      from: { path: layer("reporters") },
      to: { path: layer("(parsers|load|cli|action)") },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "^(dist|fixtures|examples|node_modules)/" },
    tsConfig: { fileName: "tsconfig.json" },
    tsPreCompilationDeps: true,
  },
};
