// Compile a JSON Schema (draft 2020-12) with ajv in strict mode and validate JSON documents
// against it: the reference JavaScript validator's verdict on the generated schema.
//
//   node ajv_check.js SCHEMA.json [DOCUMENT.json ...]
//
// Prints one JSON object: {"compiled": true, "documents": {"path": [errors...]}}. Exit 0 when
// the schema compiles and every document is valid, 1 otherwise (a strict-mode refusal is a
// compile error, printed as {"compiled": false, "error": "..."}).
"use strict";
const fs = require("fs");
const Ajv2020 = require("ajv/dist/2020");
const addFormats = require("ajv-formats");

const [schemaPath, ...documents] = process.argv.slice(2);
const ajv = new Ajv2020({ strict: true, allErrors: true });
addFormats(ajv);

let validate;
try {
  validate = ajv.compile(JSON.parse(fs.readFileSync(schemaPath, "utf8")));
} catch (error) {
  console.log(JSON.stringify({ compiled: false, error: String(error.message || error) }));
  process.exit(1);
}
const results = {};
let allValid = true;
for (const path of documents) {
  const valid = validate(JSON.parse(fs.readFileSync(path, "utf8")));
  results[path] = valid ? [] : validate.errors;
  allValid = allValid && valid;
}
console.log(JSON.stringify({ compiled: true, documents: results }));
process.exit(allValid ? 0 : 1);
