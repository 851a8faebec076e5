// The graphql-http audit (the GraphQL-over-HTTP spec's own conformance checks, from npm)
// against a running server: every MUST and SHOULD. Exits non-zero on any error or warning.
// Started by tests/api/browser.rs with BASE_URL set.
import { serverAudits } from 'graphql-http';

const url = `${process.env.BASE_URL}/graphql`;
const audits = serverAudits({ url });
let errors = 0;
let warnings = 0;
for (const audit of audits) {
  const result = await audit.fn();
  if (result.status === 'error') {
    errors += 1;
    console.log(`ERROR ${audit.name}: ${result.reason}`);
  } else if (result.status === 'warn') {
    warnings += 1;
    console.log(`WARN  ${audit.name}: ${result.reason}`);
  }
}
console.log(`graphql-http audit of ${url}: ${audits.length} audits, ${errors} errors, ${warnings} warnings`);
process.exit(errors || warnings ? 1 : 0);
