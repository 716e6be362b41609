import { z } from 'zod';

// The page's policy forbids eval (shared/security/content-security-policy.ts). zod compiles fast
// parsers with `new Function` when it can, and to find out it tries once; a strict policy reports
// that try as a violation even though zod catches it. Imported first by main.tsx, before any parse.
z.config({ jitless: true });
