import { DefaultTokenResolver, StringConcat, TerraformElement, TerraformStack, Tokenization } from "cdktf";
import { BlockPaths, HCL_SECTIONS, HclSection, terraformJsonToHcl } from "./hcl-writer";

/**
 * Collects the schema paths of nested blocks in a stack, such as `resource.aws_vpc_endpoint.timeouts`
 * or `provider.aws.default_tags`. cdktf's provider bindings mark each block in the element's HCL
 * fragment (`isBlock`), which is the schema knowledge Terraform JSON leaves out.
 */
export function collectBlockPaths(stack: TerraformStack): Set<string> {
  const paths = new Set<string>();
  const resolver = new DefaultTokenResolver(new StringConcat());
  const elements = stack.node.findAll().filter((construct): construct is TerraformElement => TerraformElement.isTerraformElement(construct));

  for (const element of elements) {
    const fragment = Tokenization.resolve(element.toHclTerraform(), { scope: stack, resolver }) as Record<string, unknown>;
    for (const section of ["resource", "data"]) {
      for (const [type, byName] of entriesOf(fragment[section])) {
        for (const [, body] of entriesOf(byName)) {
          addBlockPaths(body, `${section}.${type}`, paths);
        }
      }
    }
    for (const [name, instances] of entriesOf(fragment.provider)) {
      for (const instance of Array.isArray(instances) ? instances : [instances]) {
        addBlockPaths(instance, `provider.${name}`, paths);
      }
    }
  }
  return paths;
}

/**
 * Formats HCL as `terraform fmt` does: hclwrite's formatter, the one `terraform fmt` runs, built to
 * WebAssembly in `@cdktf/hcl-tools`. It needs no terraform binary, so every machine writes the same
 * bytes. `terraform fmt` also unwraps `"${expr}"` and unquotes variable types; the HCL writer already
 * writes both that way.
 */
export async function formatHcl(text: string): Promise<string> {
  // Loaded here, not at the top: the WebAssembly formatter costs about 60 MB and 0.4 s per process
  // (measured with npm run bench), and a JSON synth never needs it.
  const { format } = await import("@cdktf/hcl-tools");
  const formatted = await format(text);
  return formatted.endsWith("\n") ? formatted : `${formatted}\n`;
}

/**
 * Synthesizes a stack to formatted HCL from its Terraform JSON, the same JSON `cdk.tf.json` holds.
 *
 * @param sections top-level sections to write, for example only `variable` for a `variables.tf`
 */
export async function stackToHcl(stack: TerraformStack, sections: readonly HclSection[] = HCL_SECTIONS, blockPaths: BlockPaths = collectBlockPaths(stack)): Promise<string> {
  return formatHcl(terraformJsonToHcl(stack.toTerraform(), blockPaths, sections));
}

function addBlockPaths(body: unknown, prefix: string, paths: Set<string>): void {
  for (const [key, attribute] of entriesOf(body)) {
    if (typeof attribute !== "object" || attribute === null || Array.isArray(attribute)) {
      continue;
    }
    const metadata = attribute as { isBlock?: boolean; is_block?: boolean; value?: unknown };
    if (metadata.isBlock !== true && metadata.is_block !== true) {
      continue;
    }
    const path = `${prefix}.${key}`;
    paths.add(path);
    for (const instance of Array.isArray(metadata.value) ? metadata.value : [metadata.value]) {
      addBlockPaths(instance, path, paths);
    }
  }
}

function entriesOf(value: unknown): Array<[string, unknown]> {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? Object.entries(value) : [];
}
