import { isIPv4, isIPv6 } from "net";

/** Resource id formats of Amazon EC2: a prefix and 8 (older resources) or 17 hexadecimal digits. */
export const VPC_ID_PATTERN = /^vpc-([0-9a-f]{8}|[0-9a-f]{17})$/;
export const SUBNET_ID_PATTERN = /^subnet-([0-9a-f]{8}|[0-9a-f]{17})$/;
export const SECURITY_GROUP_ID_PATTERN = /^sg-([0-9a-f]{8}|[0-9a-f]{17})$/;
export const PREFIX_LIST_ID_PATTERN = /^pl-([0-9a-f]{8}|[0-9a-f]{17})$/;
export const VPC_ENDPOINT_ID_PATTERN = /^vpce-([0-9a-f]{8}|[0-9a-f]{17})$/;

/** Availability Zone names (`us-east-1a`, `us-west-2-lax-1a`) and zone ids (`use1-az1`). */
export const AVAILABILITY_ZONE_PATTERN = /^([a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d{1,2}[a-z](-[a-z]+-\d[a-z])?|[a-z]{3,5}\d-az\d{1,2})$/;

/** Availability Zone names only (`us-east-1a`), the form `data.aws_vpc_endpoint_service` lists. */
export const AVAILABILITY_ZONE_NAME_PATTERN = /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d{1,2}[a-z](-[a-z]+-\d[a-z])?$/;

/** A CIDR block that passed validation. */
export interface ParsedCidr {
  readonly version: 4 | 6;
  /** The block as given. */
  readonly cidr: string;
  readonly prefixLength: number;
}

/**
 * Parses an IPv4 or IPv6 CIDR block. Returns a message instead when the text is not a CIDR block, or
 * when bits are set after the prefix: AWS stores the network address, so `10.0.0.1/16` would show a
 * change at every plan.
 */
export function parseCidr(text: string): ParsedCidr | { readonly error: string } {
  const parts = text.split("/");
  if (parts.length !== 2 || !/^\d{1,3}$/.test(parts[1])) {
    return { error: `"${text}" is not a CIDR block; write an address and a prefix length, for example "10.0.0.0/16" or "2001:db8::/56".` };
  }
  const [address, prefixText] = parts;
  const prefixLength = Number(prefixText);

  if (isIPv4(address)) {
    if (prefixLength > 32) {
      return { error: `"${text}" has prefix length ${prefixLength}; IPv4 prefix lengths are 0 to 32.` };
    }
    const value = address.split(".").reduce((sum, octet) => (sum << 8n) + BigInt(Number(octet)), 0n);
    return checkHostBits(text, value, 32, prefixLength, 4);
  }
  if (isIPv6(address) && !address.includes(".")) {
    if (prefixLength > 128) {
      return { error: `"${text}" has prefix length ${prefixLength}; IPv6 prefix lengths are 0 to 128.` };
    }
    const value = ipv6ToBigInt(address);
    const canonical = bigIntToIpv6(value);
    if (canonical !== address) {
      // AWS stores IPv6 blocks in the RFC 5952 form, so any other spelling shows a change at every plan.
      return { error: `"${text}" is not written in canonical form; write "${canonical}/${prefixLength}" (lowercase, zeros compressed as RFC 5952 defines).` };
    }
    return checkHostBits(text, value, 128, prefixLength, 6);
  }
  return { error: `"${text}" is not a CIDR block: "${address}" is not an IPv4 or IPv6 address.` };
}

function checkHostBits(text: string, value: bigint, width: number, prefixLength: number, version: 4 | 6): ParsedCidr | { readonly error: string } {
  const hostBits = BigInt(width - prefixLength);
  const network = (value >> hostBits) << hostBits;
  if (network !== value) {
    const networkText = version === 4 ? bigIntToIpv4(network) : bigIntToIpv6(network);
    return { error: `"${text}" has bits set after the prefix; write the network address "${networkText}/${prefixLength}".` };
  }
  return { version, cidr: text, prefixLength };
}

function ipv6ToBigInt(address: string): bigint {
  const [head, tail] = address.includes("::") ? address.split("::") : [address, undefined];
  const headGroups = head === "" ? [] : head.split(":");
  const tailGroups = tail === undefined || tail === "" ? [] : tail.split(":");
  const missing = 8 - headGroups.length - tailGroups.length;
  const groups = [...headGroups, ...Array<string>(tail === undefined ? 0 : missing).fill("0"), ...tailGroups];
  return groups.reduce((sum, group) => (sum << 16n) + BigInt(parseInt(group, 16)), 0n);
}

function bigIntToIpv4(value: bigint): string {
  return [24n, 16n, 8n, 0n].map((shift) => ((value >> shift) & 255n).toString()).join(".");
}

function bigIntToIpv6(value: bigint): string {
  const groups = [112n, 96n, 80n, 64n, 48n, 32n, 16n, 0n].map((shift) => ((value >> shift) & 0xffffn).toString(16));
  // Shorten the longest run of zero groups to "::", as RFC 5952 recommends.
  const text = groups.join(":");
  const runs = text.match(/(^|:)0(:0)+(:|$)/g);
  if (!runs) {
    return text;
  }
  const longest = runs.reduce((best, run) => (run.length > best.length ? run : best));
  return text.replace(longest, "::");
}
