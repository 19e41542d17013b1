#!/usr/bin/env node
// Prints {"<file>": <HCL as JSON>, ...} for the .tf files given as arguments, parsed by
// @cdktf/hcl2json (HashiCorp's HCL parser compiled to WebAssembly). A file that does not
// parse ends the run with exit code 2 and "<file>: <parser message>" on stderr.
"use strict";
const fs = require("fs");
const path = require("path");
let parse;
try {
  ({ parse } = require("@cdktf/hcl2json"));
} catch (e) {
  process.stderr.write("@cdktf/hcl2json is not installed: run npm ci in terraform/test\n");
  process.exit(3);
}

(async () => {
  const out = {};
  for (const file of process.argv.slice(2)) {
    try {
      out[path.basename(file)] = await parse(path.basename(file), fs.readFileSync(file, "utf8"));
    } catch (e) {
      process.stderr.write(`${file}: ${e && e.message ? e.message : e}\n`);
      process.exit(2);
    }
  }
  process.stdout.write(JSON.stringify(out));
})();
