import { WriteStream } from 'node:tty';
import { styleText } from 'node:util';

export type Style = 'red' | 'green' | 'yellow' | 'dim' | 'bold';

/**
 * Whether what goes to this stream is coloured: a terminal that has colours, or FORCE_COLOR; never with NO_COLOR,
 * FORCE_COLOR=0 or TERM=dumb. Node's own reading of those variables (tty's getColorDepth), for a pipe too.
 */
export function coloursFor(stream: NodeJS.WriteStream, env: NodeJS.ProcessEnv = process.env): boolean {
  const forced = env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  if (!stream.isTTY && !forced) return false;
  return WriteStream.prototype.getColorDepth.call(stream, env) >= 4;
}

/** Text in a style when `on` (Node's util.styleText; plain on a Node without it). */
export function paint(style: Style | undefined, text: string, on: boolean): string {
  if (!on || !style || typeof styleText !== 'function') return text;
  return styleText(style, text, { validateStream: false });
}
