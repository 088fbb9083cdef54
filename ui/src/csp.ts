// Imported first by each app. zod probes for eval (`Function('')`) to compile parsers; under our
// content security policy (no 'unsafe-eval') that probe is a reported violation, so zod is told
// not to try.
import { z } from 'zod';

z.config({ jitless: true });
