#!/usr/bin/env node
// Validates JSON files against a JSON Schema (used for deploy/datadog/monitors.json).
//
//   node json-schema.mjs SCHEMA.json FILE.json...
//
// The dialect is read from the schema's $schema: draft-07 (also when $schema is absent), draft-06, 2019-09 or
// 2020-12; draft-04 and older are refused (ajv 8 does not implement them). Common formats (date-time, date, time,
// uri, uri-reference, email, hostname, ipv4, ipv6, uuid, regex) are checked; any other format is ignored with a warning.
// Errors are printed with JSON paths; exit 1 on any error, 0 and one line "N files valid against SCHEMA" otherwise
// (2 on a usage error).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import Ajv from "ajv";
import Ajv2019 from "ajv/dist/2019.js";
import Ajv2020 from "ajv/dist/2020.js";

const require = createRequire(import.meta.url);
const [schemaFile, ...files] = process.argv.slice(2);
if (!schemaFile || files.length === 0 || schemaFile === "-h" || schemaFile === "--help") {
  console.error("usage: node json-schema.mjs SCHEMA.json FILE.json...");
  process.exit(2);
}

function readJson(file) {
  return JSON.parse(readFileSync(file, "utf8"));
}

/** `/0/options/thresholds` → `$[0].options.thresholds`. */
function jsonPath(pointer) {
  if (!pointer) return "$";
  return "$" + pointer.split("/").slice(1).map((raw) => {
    const key = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    if (/^\d+$/.test(key)) return `[${key}]`;
    if (/^[A-Za-z_$][\w$]*$/.test(key)) return `.${key}`;
    return `[${JSON.stringify(key)}]`;
  }).join("");
}

function describe(error) {
  let pointer = error.instancePath;
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
  return `${jsonPath(pointer)} ${message} (schema ${error.schemaPath})`;
}

/** An ajv instance for the schema's dialect. */
function ajvFor(schema) {
  const dialect = typeof schema.$schema === "string" ? schema.$schema : "";
  const options = { allErrors: true, strict: false };
  if (dialect.includes("2020-12")) return new Ajv2020(options);
  if (dialect.includes("2019-09")) return new Ajv2019(options);
  if (dialect === "" || dialect.includes("draft-07")) return new Ajv(options);
  if (dialect.includes("draft-06")) {
    const ajv = new Ajv(options);
    ajv.addMetaSchema(require("ajv/dist/refs/json-schema-draft-06.json"));
    return ajv;
  }
  throw new Error(`unsupported $schema ${JSON.stringify(dialect)} (draft-06, draft-07, 2019-09 and 2020-12 are supported)`);
}

/** Formats without ajv-formats: strict enough to catch typos, loose enough not to reject real values. */
function addFormats(ajv) {
  const isDate = (s) => {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
    if (!m) return false;
    const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
    return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3];
  };
  const time = /^([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d+)?(z|[+-]([01]\d|2[0-3]):?[0-5]\d)$/i;
  ajv.addFormat("date", isDate);
  ajv.addFormat("time", (s) => time.test(s));
  ajv.addFormat("date-time", (s) => {
    const [date, t, ...rest] = s.split(/t|\s/i);
    return rest.length === 0 && t !== undefined && isDate(date) && time.test(t);
  });
  ajv.addFormat("uri", (s) => {
    if (!/^[a-z][a-z0-9+.-]*:/i.test(s)) return false;
    try { new URL(s); return true; } catch { return false; }
  });
  ajv.addFormat("uri-reference", (s) => !/\s/.test(s));
  ajv.addFormat("email", /^[^\s@]+@[^\s@]+\.[^\s@]+$/);
  ajv.addFormat("hostname", /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*\.?$/i);
  ajv.addFormat("ipv4", /^((25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/);
  ajv.addFormat("ipv6", (s) => s.includes(":") && /^[0-9a-f:.]+$/i.test(s) && (() => {
    try { new URL(`http://[${s}]/`); return true; } catch { return false; }
  })());
  ajv.addFormat("uuid", /^(urn:uuid:)?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
  ajv.addFormat("regex", (s) => {
    try { new RegExp(s, "u"); return true; } catch { return false; }
  });
}

let validate;
try {
  const schema = readJson(schemaFile);
  const ajv = ajvFor(schema);
  addFormats(ajv);
  validate = ajv.compile(schema);
} catch (e) {
  console.error(`${schemaFile}: not a usable JSON Schema: ${e.message}`);
  process.exit(1);
}

let failed = 0;
for (const file of files) {
  let data;
  try {
    data = readJson(file);
  } catch (e) {
    console.error(`${file}: cannot read JSON: ${e.message}`);
    failed++;
    continue;
  }
  if (!validate(data)) {
    failed++;
    const lines = [...new Set(validate.errors.map(describe))];
    console.error(`${file}: ${lines.length} error${lines.length === 1 ? "" : "s"}`);
    for (const line of lines) console.error(`  ${line}`);
  }
}

if (failed > 0) {
  console.error(`${failed} of ${files.length} file${files.length === 1 ? "" : "s"} invalid against ${schemaFile}`);
  process.exit(1);
}
console.log(`${files.length} files valid against ${schemaFile}`);
