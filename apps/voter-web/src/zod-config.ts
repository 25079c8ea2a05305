// Zod compiles fast parsers with `new Function` when it may; probing for that is itself reported as a violation
// of the page's CSP (no 'unsafe-eval'), so the pages tell zod up front to use its interpreter only.
import { z } from 'zod';

z.config({ jitless: true });
