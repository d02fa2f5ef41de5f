import { AnnotationMetadataEntryType } from "cdktf";
import { IConstruct } from "constructs";

/** Returns every warning annotation under `root` as `<construct path>: <message>`. */
export function collectWarnings(root: IConstruct): string[] {
  return root.node
    .findAll()
    .flatMap((construct) =>
      construct.node.metadata
        .filter((entry) => entry.type === AnnotationMetadataEntryType.WARN)
        .map((entry) => `${construct.node.path}: ${String(entry.data)}`),
    );
}
