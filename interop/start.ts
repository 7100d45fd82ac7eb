/**
 * `npx tsx interop/start.ts`: starts the Doorkeeper engine for a manual run and prints its URL and the account to
 * sign in with; Ctrl-C stops it. The password is read from ENGINE_PASSWORD (default below, a local test account).
 */
import { ENGINE_MASTODON_VERSION, engineUnavailable, startEngine } from './engine.ts';

const missing = engineUnavailable();
if (missing) {
  console.error(`the Doorkeeper engine ${missing}`);
  process.exit(2);
}
const user = {
  email: 'conformance@localhost',
  password: process.env.ENGINE_PASSWORD || 'engine-password-8642',
  username: 'conformance',
};
const engine = await startEngine(user);
console.log(
  `Doorkeeper 5.5 engine (as Mastodon ${ENGINE_MASTODON_VERSION}) at ${engine.url}, ` +
    `pid ${engine.pid}, started in ${engine.startupMs} ms`,
);
console.log(`  npm run conformance -- --target ${engine.url} --username ${user.email} --password-env ENGINE_PASSWORD`);
const stop = () => void engine.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
