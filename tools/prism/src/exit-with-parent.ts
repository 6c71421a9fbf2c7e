// Preloaded into each Prism process (`node --import`): Prism exits when the process that started it is gone.
// startPrism gives Prism a stdin pipe it never writes to. The pipe ends only when the parent closes it, which the
// system does when the parent exits in any way (a test worker ended mid-suite, a contract:live run killed, Ctrl-C
// on `pnpm mock`). Without this, a suite that died before its teardown left its Prism running, holding memory and,
// for `pnpm mock`, its fixed port.
process.stdin.once("end", () => process.exit(0));
process.stdin.once("error", () => process.exit(0));
process.stdin.resume();
