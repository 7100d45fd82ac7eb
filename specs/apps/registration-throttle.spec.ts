import { CALLBACK, check, requirement, test } from '../../fixtures/api/index.ts';

// Slow and unkind: it uses up the registration budget of this IP for 10 minutes. It runs only with --include-slow.
test(
  'APP-CREATE-THROTTLE the registration after the fifth in 10 minutes answers 429',
  requirement('APP-CREATE-THROTTLE'),
  async ({ http }) => {
    let throttled = false;
    for (let i = 0; i < 6 && !throttled; i++) {
      try {
        const res = await http.withObserver(undefined).send({
          method: 'POST',
          path: '/api/v1/apps',
          form: { client_name: `throttle probe ${i}`, redirect_uris: CALLBACK },
        });
        throttled = res.status === 429;
      } catch (error) {
        // The client gives up on a 429 whose Retry-After is long: that is the answer this test waits for.
        throttled = (error as Error).name === 'RateLimited' || /429/.test((error as Error).message);
      }
    }
    check(throttled, 'six registrations in a row must meet a 429');
  },
);
