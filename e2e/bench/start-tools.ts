import type { BrowserContext, Page } from '@playwright/test';
import type { PhoneInstance } from '../fixtures/phone';
import { leaveDeskPhone, measureStart, type StartSample } from './measure';
import { cpuProfileStart, traceStart } from './start-profile';

// Tools for finding where start-up time goes; none of them changes a figure.
//   BENCH_ALT_DIST=<dir>  a second renderer build, measured in the same runs
//                         (same origin, under /alt/), in both profiles, printed after the table
//   BENCH_PROFILE=<file>  the first DeskPhone load traced (Chromium trace)
//   BENCH_PROFILE=cpu:<file>  …or a sampled CPU profile of it
//   BENCH_PROFILE_RUN=<n>  profile the load of run n instead of the first one
//   BENCH_PROFILE_SAMPLES=0  a trace without CPU samples (sampling itself costs ~10 ms)
//   BENCH_DEBUG=1         each load's IPC requests, as the harness saw them

export interface AlternativeBuild {
  dir: string;
  url: string;
  samples: StartSample[];
  /** Loads in the private profile (no V8 code cache). */
  privateSamples: StartSample[];
}

/** The alternative build served beside the product's (see e2e/fixtures/static-server.ts), if asked for. */
export function alternativeBuild(phone: PhoneInstance): AlternativeBuild | null {
  const dir = process.env.BENCH_ALT_DIST;
  return dir ? { dir, url: `${phone.server.origin}/alt/index.html`, samples: [], privateSamples: [] } : null;
}

export function describeAlternative(alt: AlternativeBuild): string {
  const median = (samples: StartSample[]) => {
    const sorted = samples.map((sample) => sample.ms).sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)] ?? NaN;
  };
  const lines = [
    `alternative build ${alt.dir}: navigation start → Registered median ${median(alt.samples).toFixed(1)} ms` +
      `, no V8 code cache ${median(alt.privateSamples).toFixed(1)} ms`,
  ];
  lines.push(
    `  private loads ${JSON.stringify(alt.privateSamples.map((sample) => Number(sample.ms.toFixed(1))))}`,
  );
  lines.push(`  every load ${JSON.stringify(alt.samples.map((sample) => Number(sample.ms.toFixed(1))))}`);
  const marks = [...new Set(alt.samples.flatMap((sample) => Object.keys(sample.productMarks)))];
  for (const mark of marks) {
    const values = alt.samples.map((sample) => Number(sample.productMarks[mark]?.toFixed(1)));
    lines.push(`  ${mark} ${JSON.stringify(values)}`);
  }
  return lines.join('\n');
}

/** With BENCH_PROFILE: one extra load in a new page while profiling it, its marks printed (not a sample). */
export async function profileFirstStart(context: BrowserContext, url: string): Promise<boolean> {
  const target = process.env.BENCH_PROFILE;
  if (!target) return false;
  const page = await context.newPage();
  let sample: StartSample | undefined;
  const load = async () => {
    sample = await measureStart(page, url, async () => undefined);
  };
  if (target.startsWith('cpu:')) await cpuProfileStart(page, target.slice(4), load);
  else await traceStart(page, target, load);
  console.log(
    `start-up profile in ${target} (${sample?.ms.toFixed(1)} ms): ${JSON.stringify(sample?.productMarks)}`,
  );
  await leaveDeskPhone(page);
  return true;
}

/** measureStart, and with BENCH_DEBUG the IPC requests of that load (ms since its navigation start). */
export async function measureStartWithIpc(
  phone: PhoneInstance,
  page: Page,
  url: string,
): Promise<StartSample> {
  const from = phone.ipcLog.length;
  let origin = 0;
  const sample = await measureStart(
    page,
    url,
    async (loaded) => {
      origin = await loaded.evaluate(() => performance.timeOrigin);
      await leaveDeskPhone(loaded);
    },
    true,
  );
  if (process.env.BENCH_DEBUG) {
    const at = (epoch: number | undefined) => (epoch === undefined ? '?' : (epoch - origin).toFixed(0));
    for (const record of phone.ipcLog.slice(from)) {
      if ((record.receivedAt ?? Infinity) - origin > 1000) continue;
      console.log(`  ipc ${record.channel} in ${at(record.receivedAt)} → answered ${at(record.answeredAt)}`);
    }
  }
  return sample;
}
