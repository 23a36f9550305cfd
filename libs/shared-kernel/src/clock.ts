/** Time comes in from outside so that deciders and tests can fix "now". */
export abstract class Clock {
  abstract now(): Date;
}

export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}

const shanghaiDateFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The calendar date (YYYY-MM-DD) of an instant in Asia/Shanghai, the zone that decides reporting years. */
export function shanghaiDate(instant: Date): string {
  return shanghaiDateFormat.format(instant);
}
