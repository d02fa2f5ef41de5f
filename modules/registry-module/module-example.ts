import { quoteLiteral } from "../hcl/template";

/** Folder of the example inside the module; its `source = "../.."` points back at the module. */
export const EXAMPLE_FOLDER = "examples/basic";

/** The `terraform` settings the module requires of its caller. */
export interface ModuleRequirements {
  /** Terraform CLI version constraint. */
  readonly terraformVersion: string;
  /** hashicorp/aws version constraint. */
  readonly awsProviderVersion: string;
}

/**
 * Returns `examples/basic/main.tf`: two Regions, each through its own aliased provider, one with a
 * narrowed preset and one with a pasted policy document. The values are placeholders in the formats
 * AWS uses. The README shows the same text.
 */
export function moduleExample(requirements: ModuleRequirements): string {
  return `# Two HealthLake endpoints, one per Region: each module call uses the provider passed to it.
terraform {
  required_version = ${quoteLiteral(requirements.terraformVersion)}
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ${quoteLiteral(requirements.awsProviderVersion)}
    }
  }
}

provider "aws" {
  region = "us-east-1"
}

provider "aws" {
  alias  = "london"
  region = "eu-west-2"
}

module "healthlake_us_east_1" {
  source = "../.."

  vpc_id        = "vpc-0abc1234def567890"
  subnet_ids    = ["subnet-0aaa111122223333a", "subnet-0aaa111122223333b"]
  allowed_cidrs = ["10.10.0.0/16"]

  policy_preset          = "read-only-fhir"
  policy_datastores      = ["0123456789abcdef0123456789abcdef"]
  policy_principals      = ["arn:aws:iam::111111111111:role/clinical-app"]
  policy_organization_id = "o-a1b2c3d4e5"

  tags = {
    Project = "clinical-data-platform"
  }
}

module "healthlake_london" {
  source = "../.."
  providers = {
    aws = aws.london
  }

  vpc_id                  = "vpc-0abc9abcdef567890"
  subnet_ids              = ["subnet-0aaa77778888999aa", "subnet-0aaa77778888999ab"]
  allowed_prefix_list_ids = ["pl-0123456789abcdef0"]

  policy_json = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "OrganizationOnly"
      Effect    = "Allow"
      Principal = "*"
      Action    = "healthlake:*"
      Resource  = "*"
      Condition = { StringEquals = { "aws:PrincipalOrgID" = "o-a1b2c3d4e5" } }
    }]
  })
}

output "us_east_1_endpoint_id" {
  description = "Id of the HealthLake endpoint in us-east-1."
  value       = module.healthlake_us_east_1.endpoint_id
}

output "london_dns_names" {
  description = "DNS names of the HealthLake endpoint in eu-west-2."
  value       = module.healthlake_london.dns_names
}
`;
}
