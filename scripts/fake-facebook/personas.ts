/** A fictional member of the public who messages the Page in demo mode. */
export interface Persona {
  name: string;
  /** Page-scoped id: a numeric string, too long for a safe JavaScript number (contract: ids are strings). */
  psid: string;
}

const NAMES = [
  'Gareth Williams', 'Siân Pritchard', 'Rhys ap Dafydd', 'Ffion Morgan', 'Dylan Hughes',
  'Megan Lloyd', 'Aled Jenkins', 'Cerys Price', 'Priya Sharma', 'Mohammed Khan',
  'Chloë Davies', 'Tomasz Nowak', 'Aoife O’Brien', 'Jamal Okafor', 'Bethan Rees',
  'Liam Roberts', 'Zoë Thomas', 'Harriet Edwards', 'Callum McLeod', 'Nia Powell',
  'Oluwaseun Adeyemi', 'Emma Clarke', 'Dai Parry', 'Ayesha Begum', 'Jack Evans',
  'Gwenllian Owen', 'Ryan Phillips', 'Sophie Turner', 'Iolo Bowen', 'Kerry-Ann Lewis',
];

// 17 digits like real PSIDs, above 2^53 so a connector that parses them as numbers breaks in tests.
export const PERSONAS: readonly Persona[] = NAMES.map((name, index) => ({
  name,
  psid: (24_000_000_000_000_000n + BigInt(index) * 104_729_881n + 7n).toString(),
}));
