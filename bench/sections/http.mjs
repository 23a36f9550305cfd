// The command path over HTTP: real commands against the built API server (a child process, its own database),
// with autocannon at 1, 16 and 64 connections for a fixed time. Sign-in is in place: every request carries the
// bearer token of one of 16 caseworkers (from POST /api/auth/tokens, round-robin per request), so each is
// authenticated (session looked up and touched) and authorized (role and unit scope) before the command runs.
//
// Commands (each request its own, valid and new, so every answer should be 201):
// - register enterprise: POST /api/enterprises, a new credit code each;
// - found a union: POST /api/unions covering one enterprise without a union, drawn from a queue filled by the
//   register-enterprise runs (topped up before each run);
// - grant aid: POST /api/aid-grants of 10 yuan (under the district's 1,000-yuan approval threshold: granted and
//   reserved at once) to a worker with a new resident ID number, with an Idempotency-Key. Grants from one fund
//   take turns on the fund's stream, so it is measured on one fund and spread round-robin over 64 funds.
import autocannon from 'autocannon';
import { commandFactory } from '../lib/commands.mjs';
import { seedFederation } from '../lib/federation.mjs';
import { startApiServer } from '../lib/server.mjs';

export const name = 'http';
const SECTION = name;

const CONNECTIONS = [1, 16, 64];
const SPREAD_FUNDS = 64;
const CASEWORKERS = 16;

export async function run(ctx) {
  const duration = ctx.quick ? 3 : 10;
  ctx.log('http: starting the API server');
  const server = await startApiServer(ctx, { label: 'http' });
  try {
    ctx.log('http: seeding the federation');
    const federation = await seedFederation(server, { caseworkers: CASEWORKERS, funds: SPREAD_FUNDS + 1 });
    const commands = commandFactory(federation);
    const tokens = federation.caseworkerTokens;
    const [oneFund, ...spreadFunds] = federation.fundIds;
    let nextToken = 0;

    /** One autocannon run of `make()` requests; the figures as rows. */
    async function measure(label, connections, make, onCreated) {
      const waited = await server.quiesce();
      if (waited > 2000) ctx.log(`http: waited ${(waited / 1000).toFixed(1)} s for the server to finish the previous run`);
      const statuses = new Map();
      const result = await autocannon({
        url: server.origin,
        connections,
        duration,
        timeout: 30,
        requests: [
          {
            setupRequest(request) {
              const command = make();
              return {
                ...request,
                method: command.method,
                path: command.path,
                headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[nextToken++ % tokens.length]}`, ...command.headers },
                body: JSON.stringify(command.body),
              };
            },
            onResponse(status, body) {
              if (status === 201) {
                onCreated?.(JSON.parse(String(body)));
                return;
              }
              let code = '';
              try {
                code = JSON.parse(String(body)).code ?? '';
              } catch {
                // Not JSON.
              }
              const key = `${status}${code ? ` ${code}` : ''}`;
              statuses.set(key, (statuses.get(key) ?? 0) + 1);
            },
          },
        ],
      });
      const responses = result['2xx'] + result.non2xx;
      const failures = result.non2xx + result.errors + result.timeouts;
      const rate = responses / result.duration;
      const detail = [...statuses].map(([key, count]) => `${count}× ${key}`);
      if (result.errors) detail.push(`${result.errors} socket errors`);
      if (result.timeouts) detail.push(`${result.timeouts} timeouts`);
      const caseName = `${label}, ${connections} connection${connections === 1 ? '' : 's'}`;
      ctx.log(`http: ${caseName}: ${rate.toFixed(0)} req/s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, ${failures} failed ${detail.join(', ')}`);
      return [
        { section: SECTION, case: caseName, metric: 'requests/s', value: rate, unit: 'req/s', note: `${responses} responses in ${result.duration} s` },
        { section: SECTION, case: caseName, metric: 'latency p50', value: result.latency.p50, unit: 'ms' },
        { section: SECTION, case: caseName, metric: 'latency p99', value: result.latency.p99, unit: 'ms' },
        {
          section: SECTION,
          case: caseName,
          metric: 'non-2xx + errors',
          value: failures,
          unit: 'requests',
          goal: '0',
          met: failures === 0,
          ...(detail.length ? { note: detail.join(', ') } : {}),
        },
      ];
    }

    const rows = [];
    const unclaimed = [];
    const registerRate = new Map();
    for (const connections of CONNECTIONS) {
      const measured = await measure('register enterprise', connections, () => commands.registerEnterprise(), (body) => unclaimed.push(body.id));
      registerRate.set(connections, measured[0].value);
      rows.push(...measured);
    }

    // A union per enterprise: founding is at least as much work as registering, so 1.5× what registering
    // managed in the same time is enough; if the queue still runs dry, the extra requests reuse a taken
    // enterprise (409) and the note says so.
    for (const connections of CONNECTIONS) {
      const wanted = Math.ceil(registerRate.get(connections) * duration * 1.5) + connections * 2;
      if (unclaimed.length < wanted) {
        ctx.log(`http: registering ${wanted - unclaimed.length} more enterprises for the union run`);
        await registerMore(server, commands, tokens, wanted - unclaimed.length, unclaimed);
      }
      let dry = 0;
      let last;
      const measured = await measure('found a union', connections, () => {
        const id = unclaimed.shift();
        if (id) last = id;
        else dry++;
        return commands.foundUnion(id ?? last);
      });
      if (dry) measured[3].note = `${measured[3].note ? `${measured[3].note}; ` : ''}the queue of enterprises ran dry ${dry} times (those reuse an enterprise: 409)`;
      rows.push(...measured);
    }

    for (const connections of CONNECTIONS) rows.push(...(await measure('grant aid, one fund', connections, () => commands.grantAid(oneFund))));
    let nextFund = 0;
    for (const connections of CONNECTIONS) {
      rows.push(...(await measure(`grant aid, ${SPREAD_FUNDS} funds round-robin`, connections, () => commands.grantAid(spreadFunds[nextFund++ % spreadFunds.length]))));
    }
    return rows;
  } finally {
    await server.stop();
  }
}


/** Registers `count` enterprises with 16 requests at a time, their ids pushed onto `into`. */
async function registerMore(server, commands, tokens, count, into) {
  let left = count;
  let failures = 0;
  await Promise.all(
    Array.from({ length: 16 }, async (_, worker) => {
      while (left > 0) {
        left--;
        const command = commands.registerEnterprise();
        const response = await server.api(command.method, command.path.replace(/^\/api/, ''), { token: tokens[worker % tokens.length], body: command.body });
        if (response.status === 201) into.push(response.body.id);
        else if (++failures > 10) throw new Error(`registering enterprises: ${response.status} ${response.text.slice(0, 300)}`);
      }
    }),
  );
}
