import { TerraformStack, Token } from "cdktf";
import { IConstruct } from "constructs";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";

/** Returns the stack's default (unaliased) AWS provider, or `undefined` when it has none. */
export function defaultAwsProvider(scope: IConstruct): AwsProvider | undefined {
  const stack = TerraformStack.of(scope);
  return stack.node.children.find((child): child is AwsProvider => child instanceof AwsProvider && child.alias === undefined);
}

/** Returns the literal Region of a provider, or `undefined` when it has none or it is a token. */
export function literalRegionOf(provider: AwsProvider | undefined): string | undefined {
  const region = provider?.region;
  return region === undefined || Token.isUnresolved(region) ? undefined : region;
}

/**
 * Returns `tags` without the pairs that the provider's `default_tags` already set to the same value,
 * or `undefined` when nothing is left. The provider merges its default tags into every resource's
 * `tags_all`, so repeating them on the resource only adds noise to the configuration and the plan. A
 * tag whose value differs from the default is kept, because the resource's value wins.
 */
export function withoutDefaultTags(
  tags: Readonly<Record<string, string>> | undefined,
  provider: AwsProvider | undefined,
): Record<string, string> | undefined {
  if (tags === undefined) {
    return undefined;
  }
  const defaults: Record<string, string> = {};
  const blocks = provider?.defaultTags;
  if (Array.isArray(blocks)) {
    for (const block of blocks) {
      Object.assign(defaults, block.tags ?? {});
    }
  }
  const remaining = Object.entries(tags).filter(([key, value]) => defaults[key] !== value);
  return remaining.length === 0 ? undefined : Object.fromEntries(remaining);
}
