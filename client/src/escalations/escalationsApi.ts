import { escalationOptionsResponseSchema, escalationResponseSchema, type EscalationOptionsResponse, type EscalationResponse } from '../../../shared/api';
import { request } from '../api';

export function getEscalationOptions(): Promise<EscalationOptionsResponse> {
  return request('GET', '/api/escalations/options', escalationOptionsResponseSchema);
}

export function recordIncidentNumber(escalationId: string, incidentNumber: string): Promise<EscalationResponse> {
  return request('POST', `/api/escalations/${encodeURIComponent(escalationId)}/incident`, escalationResponseSchema, { body: { incidentNumber } });
}
