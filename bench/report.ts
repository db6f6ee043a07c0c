import { describeTarget, meets, targetOf } from './targets.ts';

/** Figures measured in one run: printed for people as they come, and as JSON lines with --json. */
export interface Figure {
  name: string;
  value: number;
  unit: string;
}

export function createReport(json: boolean) {
  const figures: Figure[] = [];
  return {
    figures,
    /** Records one figure; `note` is shown to people only. */
    add(name: string, value: number, unit: string, note = '') {
      const v = Number.isInteger(value) ? value : Math.round(value * 1000) / 1000;
      figures.push({ name, value: v, unit });
      if (json) process.stdout.write(JSON.stringify({ name, value: v, unit }) + '\n');
      else {
        const t = targetOf(name);
        const aim = t ? `${note ? ' ' : ''}[target ${describeTarget(t)}: ${meets(t, v) ? 'met' : 'MISSED'}]` : '';
        console.log(`  ${name.padEnd(38)} ${format(v).padStart(14)} ${unit.padEnd(12)} ${note}${aim}`);
      }
    },
    /** A heading or remark for people; nothing in JSON mode (stderr keeps stdout parseable). */
    say(text: string) {
      if (json) process.stderr.write(text + '\n');
      else console.log(text);
    },
  };
}

export type Report = ReturnType<typeof createReport>;

function format(v: number): string {
  if (Math.abs(v) >= 1000) return Math.round(v).toLocaleString('en-US');
  return String(v);
}

/** Nearest-rank percentile of unsorted samples. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return NaN;
  const s = [...samples].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
}
