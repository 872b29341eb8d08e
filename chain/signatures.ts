// The successful transactions that touched an address since a signature, oldest first, read
// page by page at "confirmed": the watcher and the reconciler both scan this way.
import { address, type GetSignaturesForAddressApi, type Rpc, type Signature } from "@solana/kit";

const PAGE = 1000;

export async function signaturesSince(
  rpc: Rpc<GetSignaturesForAddressApi>,
  addr: string,
  until: string | null,
  onCall: () => void = () => undefined,
): Promise<string[]> {
  const found: string[] = [];
  let before: string | undefined;
  for (;;) {
    onCall();
    const page = await rpc
      .getSignaturesForAddress(address(addr), {
        commitment: "confirmed",
        limit: PAGE,
        ...(until ? { until: until as Signature } : {}),
        ...(before ? { before: before as Signature } : {}),
      })
      .send();
    found.push(...page.filter((s) => s.err === null).map((s) => String(s.signature)));
    if (page.length < PAGE) break;
    before = String(page[page.length - 1]!.signature);
  }
  return found.reverse();
}
