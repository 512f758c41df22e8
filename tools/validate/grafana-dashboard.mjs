#!/usr/bin/env node
// Validates Grafana dashboards (classic JSON model) against the `Dashboard` type that @grafana/schema publishes.
//
//   node grafana-dashboard.mjs DASHBOARD.json...
//
// The JSON schema is generated on every run from the TypeScript declaration in @grafana/schema (pinned in
// package.json), so a schema bump is a package.json change and nothing else. Each dashboard is checked as a whole, and
// each panel, including the panels inside rows, against the `Panel` or `RowPanel` definition (errors name the panel),
// plus two layout checks the schema cannot express: panel ids are unique and top-level gridPos boxes stay inside the
// 24-column grid without overlapping. Errors are printed with JSON paths; exit 1 on any error, 0 and one line
// "N dashboards valid" otherwise (2 on a usage error).
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import tsj from "ts-json-schema-generator";
import Ajv from "ajv";

const here = dirname(fileURLToPath(import.meta.url));
const typesFile = join(here, "node_modules/@grafana/schema/dist/types/raw/dashboard/x/types.gen.d.ts");
const GRID_COLUMNS = 24;

const files = process.argv.slice(2);
if (files.length === 0 || files.includes("-h") || files.includes("--help")) {
  console.error("usage: node grafana-dashboard.mjs DASHBOARD.json...");
  process.exit(2);
}

/** Generates the JSON schema of @grafana/schema's Dashboard type (same as the CLI with --type Dashboard --no-type-check). */
function dashboardSchema() {
  const generator = tsj.createGenerator({ path: typesFile, type: "Dashboard", skipTypeCheck: true });
  return generator.createSchema("Dashboard");
}

/** `/panels/3/gridPos/h` → `$.panels[3].gridPos.h`. */
function jsonPath(pointer) {
  if (!pointer) return "$";
  return "$" + pointer.split("/").slice(1).map((raw) => {
    const key = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    if (/^\d+$/.test(key)) return `[${key}]`;
    if (/^[A-Za-z_$][\w$]*$/.test(key)) return `.${key}`;
    return `[${JSON.stringify(key)}]`;
  }).join("");
}

/** One readable line per ajv error, the path extended by the offending property where ajv names it. */
function describe(error, prefix = "") {
  let pointer = prefix + error.instancePath;
  let message = error.message ?? error.keyword;
  if (error.keyword === "additionalProperties") {
    pointer += "/" + error.params.additionalProperty;
    message = "is not allowed here (unknown property)";
  } else if (error.keyword === "required") {
    pointer += "/" + error.params.missingProperty;
    message = "is required";
  } else if (error.keyword === "enum") {
    message += ": " + error.params.allowedValues.map((v) => JSON.stringify(v)).join(", ");
  } else if (error.keyword === "const") {
    message += ": " + JSON.stringify(error.params.allowedValue);
  }
  return `${jsonPath(pointer)} ${message}`;
}

const unique = (lines) => [...new Set(lines)];

let schema;
try {
  schema = dashboardSchema();
} catch (e) {
  console.error(`cannot generate the Dashboard schema from ${typesFile}: ${e.message}`);
  console.error("run `npm ci` in tools/validate first");
  process.exit(1);
}

const ajv = new Ajv({ allErrors: true, strict: false });
ajv.addSchema(schema, "dashboard");
const validateDashboard = ajv.getSchema("dashboard");
const validatePanel = ajv.getSchema("dashboard#/definitions/Panel");
const validateRow = ajv.getSchema("dashboard#/definitions/RowPanel");

/** Errors of one panel (a row's nested panels are checked one by one, each against Panel). */
function panelErrors(panel, pointer) {
  const errors = [];
  if (panel === null || typeof panel !== "object" || Array.isArray(panel)) {
    return [`${jsonPath(pointer)} must be an object (a panel)`];
  }
  const isRow = panel.type === "row";
  const validate = isRow ? validateRow : validatePanel;
  if (!validate(panel)) {
    for (const error of validate.errors) {
      // A row's nested panels get their own Panel check below; skip the row schema's copy of those errors.
      if (isRow && /^\/panels\/\d+(\/|$)/.test(error.instancePath)) continue;
      errors.push(describe(error, pointer));
    }
  }
  if (isRow && Array.isArray(panel.panels)) {
    panel.panels.forEach((nested, i) => {
      const nestedPointer = `${pointer}/panels/${i}`;
      if (nested && nested.type === "row") errors.push(`${jsonPath(nestedPointer)} a row cannot hold a row`);
      else errors.push(...panelErrors(nested, nestedPointer));
    });
  }
  return errors;
}

/** Unique ids everywhere; top-level boxes inside the grid and not overlapping (collapsed rows' panels are laid out on expand). */
function layoutErrors(dashboard) {
  const errors = [];
  if (!Array.isArray(dashboard.panels)) return errors;
  const ids = new Map();
  const boxes = [];
  const visit = (panel, pointer, topLevel) => {
    if (!panel || typeof panel !== "object") return;
    if (panel.id !== undefined) {
      if (ids.has(panel.id)) errors.push(`${jsonPath(pointer + "/id")} duplicates the id of ${jsonPath(ids.get(panel.id))}`);
      else ids.set(panel.id, pointer);
    }
    const g = panel.gridPos;
    if (g && ["x", "y", "w", "h"].every((k) => typeof g[k] === "number")) {
      if (g.x < 0 || g.y < 0 || g.w <= 0 || g.h <= 0 || g.x + g.w > GRID_COLUMNS) {
        errors.push(`${jsonPath(pointer + "/gridPos")} is outside the ${GRID_COLUMNS}-column grid: ${JSON.stringify(g)}`);
      } else if (topLevel) {
        for (const other of boxes) {
          const o = other.g;
          if (g.x < o.x + o.w && o.x < g.x + g.w && g.y < o.y + o.h && o.y < g.y + g.h) {
            errors.push(`${jsonPath(pointer + "/gridPos")} overlaps ${jsonPath(other.pointer + "/gridPos")}`);
          }
        }
        boxes.push({ g, pointer });
      }
    }
    if (Array.isArray(panel.panels)) panel.panels.forEach((p, i) => visit(p, `${pointer}/panels/${i}`, false));
  };
  dashboard.panels.forEach((p, i) => visit(p, `/panels/${i}`, true));
  return errors;
}

let failed = 0;
for (const file of files) {
  let dashboard;
  try {
    dashboard = JSON.parse(readFileSync(file, "utf8"));
  } catch (e) {
    console.error(`${file}: cannot read JSON: ${e.message}`);
    failed++;
    continue;
  }

  const errors = [];
  const panelsChecked = Array.isArray(dashboard?.panels);
  const dashboardErrors = validateDashboard(dashboard) ? [] : [...validateDashboard.errors];
  for (const error of dashboardErrors) {
    // Panels are reported by the per-panel checks, which name the right definition (Panel or RowPanel)
    // instead of the anyOf's errors for both.
    if (panelsChecked && /^\/panels\/\d+(\/|$)/.test(error.instancePath)) continue;
    errors.push(describe(error));
  }
  if (panelsChecked) {
    dashboard.panels.forEach((panel, i) => errors.push(...panelErrors(panel, `/panels/${i}`)));
    errors.push(...layoutErrors(dashboard));
  }
  // The per-panel checks must explain every panel the dashboard check refused.
  if (errors.length === 0 && dashboardErrors.length > 0) {
    errors.push(...dashboardErrors.map((e) => describe(e)));
  }

  if (errors.length > 0) {
    failed++;
    const lines = unique(errors);
    console.error(`${file}: ${lines.length} error${lines.length === 1 ? "" : "s"}`);
    for (const line of lines) console.error(`  ${line}`);
  }
}

if (failed > 0) {
  console.error(`${failed} of ${files.length} dashboard${files.length === 1 ? "" : "s"} invalid`);
  process.exit(1);
}
console.log(`${files.length} dashboards valid`);
