// Imported by the Node fast transport before undici, which on a Node older than it takes fails as it loads with a bare
// ReferenceError ("File is not defined" on Node 18), saying nothing of what to do.
if (typeof File === "undefined") {
  throw new Error(`@apis/runtime/undici needs Node 20.18 or later (undici 7); this is Node ${process.versions.node}: leave fetch as the platform's, the default`);
}
export {};
