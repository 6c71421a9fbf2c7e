/**
 * Gives each error class its name on the prototype (not as an instance field), so that it survives minification
 * and stays out of util.inspect's property list, where an instance field would repeat it. Object shorthand names
 * each class after itself.
 *
 * @example
 * nameErrorClasses({ EmbeddedApiError, ArchiveTimeoutError });
 */
export function nameErrorClasses(classes: Record<string, abstract new (...args: never[]) => Error>): void {
  for (const [name, ErrorClass] of Object.entries(classes)) {
    Object.defineProperty(ErrorClass.prototype, "name", { value: name, writable: true, configurable: true });
  }
}
