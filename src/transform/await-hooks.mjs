// Node's module hooks (module.register) that rewrite the plain awaits of the programs the CLI loads
// (await-points.ts says why). Registered after tsx, so a TypeScript file reaches `load` here as
// the JavaScript tsx made of it. Plain JavaScript, so that it loads as is beside the compiled
// sources (dist/transform) and, through tsx's hooks registered before it, beside the sources.
// Only ES modules are rewritten: Node runs CommonJS through its own loader, not these hooks.
import { rewriteAwaits, shiftInlineMap, shouldRewrite } from './await-points.js';

export async function load(url, context, nextLoad) {
  const loaded = await nextLoad(url, context);
  if (loaded.format !== 'module' || loaded.source == null || !shouldRewrite(url)) return loaded;
  const text =
    typeof loaded.source === 'string' ? loaded.source : Buffer.from(loaded.source).toString('utf8');
  const rewritten = rewriteAwaits(text, url);
  return rewritten === null ? loaded : { ...loaded, source: shiftInlineMap(text, rewritten) };
}
