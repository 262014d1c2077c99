import type { AxiosInstance } from 'axios';
import { toConnectorError } from './send';

/**
 * User Profile API (`GET /{PSID}?fields=name`): Messenger webhooks carry only the PSID, so the
 * desk asks once for the name agents see. Throws ConnectorError.
 */
export async function lookupUserName(graph: AxiosInstance, psid: string): Promise<string | null> {
  try {
    const response = await graph.get(encodeURIComponent(psid), { params: { fields: 'name' } });
    const name = (response.data as { name?: unknown } | null)?.name;
    return typeof name === 'string' && name.trim() ? name.trim() : null;
  } catch (error) {
    throw toConnectorError(error);
  }
}
