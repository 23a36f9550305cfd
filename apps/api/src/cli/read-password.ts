import { createInterface } from 'node:readline';

/**
 * The admin's password for a command-line tool: from UNIONCASE_ADMIN_PASSWORD, or the first line of standard
 * input, or typed at the terminal without echo. Never from the command line, where other users could see it.
 */
export async function readPassword(prompt = 'Password for the new admin (not shown): '): Promise<string> {
  const fromEnv = process.env.UNIONCASE_ADMIN_PASSWORD;
  if (fromEnv) return fromEnv;
  const input = process.stdin;
  if (!input.isTTY) {
    const lines = createInterface({ input });
    for await (const line of lines) return line;
    return '';
  }
  process.stdout.write(prompt);
  input.setRawMode(true);
  input.resume();
  let password = '';
  return new Promise((resolve, reject) => {
    input.on('data', (chunk: Buffer) => {
      for (const char of chunk.toString('utf8')) {
        if (char === '\r' || char === '\n') {
          input.setRawMode(false);
          input.pause();
          process.stdout.write('\n');
          return resolve(password);
        }
        if (char === '\u0003') return reject(new Error('cancelled'));
        password = char === '\u007f' ? password.slice(0, -1) : password + char;
      }
    });
  });
}
