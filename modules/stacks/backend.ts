import { LocalBackend, S3Backend, TerraformStack } from "cdktf";
import { join } from "path";
import { BackendConfig } from "../config/config-types";

/** Key prefix of S3 state objects when the config gives none. */
export const DEFAULT_STATE_KEY_PREFIX = "healthlake-privatelink";

/** Adds the state backend of one stack: `terraform.<stack name>.tfstate` locally or in S3. */
export function addBackend(stack: TerraformStack, stackName: string, backend: BackendConfig): void {
  if (backend.type === "local") {
    const directory = backend.directory ?? process.cwd();
    new LocalBackend(stack, { path: join(directory, `terraform.${stackName}.tfstate`) });
    return;
  }

  const s3 = new S3Backend(stack, {
    bucket: backend.bucket,
    key: `${backend.keyPrefix ?? DEFAULT_STATE_KEY_PREFIX}/${stackName}.tfstate`,
    region: backend.region,
    encrypt: backend.encrypt ?? true,
  });
  // cdktf 0.21 has no typed field for S3 native locking (Terraform 1.10 or later), so it is set here.
  if (backend.useLockfile ?? true) {
    s3.addOverride("use_lockfile", true);
  }
}
