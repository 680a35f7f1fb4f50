// Entry point of the `kenes` command (bin/kenes.js, npm start): sets V8 flags, then runs cli.ts.

// The embedded database is PostgreSQL compiled to WebAssembly. Compile it lazily (most of it is
// never called) and with the baseline compiler only: optimising its hot functions costs ~50 MB of
// resident memory (and a 200 MB peak at start-up) for no measurable gain on our short queries.
// --expose-gc lets the server collect the garbage of its start-up once (src/core/start-up-memory.ts),
// and MALLOC_ARENA_MAX=2 keeps glibc from giving each thread (PGlite's, the workers') its own 64 MB
// malloc arena, most of which stays resident once touched.
// V8 reads these flags only at start, so the process re-executes itself once with them
// (process.execve: Node ≥ 22.15; older Nodes simply run without them).
const startFlags = ['--wasm-lazy-compilation', '--liftoff-only', '--expose-gc'];
if (!process.env.DATABASE_URL && !startFlags.every((f) => process.execArgv.includes(f)) && typeof process.execve === 'function') {
  process.execve(process.execPath, [process.execPath, ...startFlags, ...process.execArgv, ...process.argv.slice(1)], { MALLOC_ARENA_MAX: '2', ...process.env });
}

await import('./cli.js');
