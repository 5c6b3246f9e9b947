import { BlockList, isIP } from 'node:net';

/**
 * The networks an AccessKey may be used from, as a node:net BlockList (which matches IPv4 and
 * IPv6 ranges and IPv4-mapped IPv6 addresses). `undefined` = anywhere.
 */
export function compileCidrs(cidrs: readonly string[] | undefined): BlockList | undefined {
  if (!cidrs || cidrs.length === 0) return undefined;
  const list = new BlockList();
  for (const cidr of cidrs) {
    const [address, bits] = cidr.split('/');
    const family = isIP(address ?? '');
    if (!address || family === 0 || bits === undefined) continue; // the schema already refused it
    list.addSubnet(address, Number(bits), family === 4 ? 'ipv4' : 'ipv6');
  }
  return list;
}

/** Whether `ip` (as the socket reports it: `127.0.0.1`, `::1`, `::ffff:10.0.0.7`) is in the list. */
export function ipAllowed(list: BlockList | undefined, ip: string | undefined): boolean {
  if (!list) return true;
  if (!ip) return false;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  const address = mapped ? mapped[1]! : ip;
  const family = isIP(address);
  if (family === 0) return false;
  return list.check(address, family === 4 ? 'ipv4' : 'ipv6');
}
