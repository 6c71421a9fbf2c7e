/**
 * Gives each error class its name on the prototype (not as an instance field), so that it survives minification
 * and stays out of util.inspect's property list, where an instance field would repeat it. Object shorthand names
 * each class after itself. Assigned, not defined: no error has it as its own property, and assignment costs fewer
 * bytes in every bundle than a descriptor would (the prototype's `name` is then enumerable, which only `for...in`
 * over an error shows).
 *
 * @example
 * nameErrorClasses({ EmbeddedApiError, ArchiveTimeoutError });
 */
export function nameErrorClasses(classes: Record<string, abstract new (...args: never[]) => Error>): void {
  for (const [name, ErrorClass] of Object.entries(classes)) {
    ErrorClass.prototype.name = name;
  }
}
