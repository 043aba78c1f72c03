/** Configuration the service cannot start with; the message names the variable. */
export class ConfigurationError extends Error {}
