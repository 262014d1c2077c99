import { useEffect, useState } from 'react';
import type { EscalationOptionsResponse } from '../../../shared/api';
import { getEscalationOptions } from './escalationsApi';

const NONE: EscalationOptionsResponse = { outcomeKinds: [], incidentTeamId: null, canRequestIncident: false };
let loaded: Promise<EscalationOptionsResponse> | null = null;

/** The configured outcome kinds and the C&C team: read once a page load, shared by every thread. */
export function useEscalationOptions(): EscalationOptionsResponse {
  const [options, setOptions] = useState<EscalationOptionsResponse>(NONE);
  useEffect(() => {
    let isCurrent = true;
    loaded ??= getEscalationOptions().catch((error: unknown) => {
      loaded = null;
      throw error;
    });
    loaded.then(
      (value) => isCurrent && setOptions(value),
      () => undefined, // the forms still work without the list; the resolve button says why it is disabled
    );
    return () => {
      isCurrent = false;
    };
  }, []);
  return options;
}

/** An outcome kind as the force configured it; `notRecordedLabel` is the desk's own, in the screen's language. */
export function outcomeKindLabel(options: EscalationOptionsResponse, kind: string, notRecordedLabel: string): string {
  if (kind === 'not_recorded') return notRecordedLabel;
  return options.outcomeKinds.find((known) => known.key === kind)?.label ?? kind;
}
