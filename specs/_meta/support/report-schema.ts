import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { ROOT } from './run-suite.ts';

/** The validator of reports/conformance.json, from the schema the repository documents it with. */
export function ajvForReport(): ValidateFunction {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  (addFormats as unknown as (a: Ajv2020) => void)(ajv);
  return ajv.compile(JSON.parse(readFileSync(join(ROOT, 'openapi/conformance-report.schema.json'), 'utf8')));
}
