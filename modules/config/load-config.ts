import { readConfigFile } from "./read-config-file";
import { resolveConfig, ResolvedConfig } from "./resolve-config";

/** Config file the app reads when `HEALTHLAKE_ENDPOINTS_CONFIG` is not set, relative to the working folder. */
export const DEFAULT_CONFIG_FILE = "healthlake-endpoints.json";

/** Environment variable that names another config file. */
export const CONFIG_FILE_VARIABLE = "HEALTHLAKE_ENDPOINTS_CONFIG";

/**
 * Reads, validates and resolves a config file.
 *
 * @throws HealthLakeValidationError listing every problem of the file
 */
export function loadConfig(path: string): ResolvedConfig {
  return resolveConfig(readConfigFile(path));
}
